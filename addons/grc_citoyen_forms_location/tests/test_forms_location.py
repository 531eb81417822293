# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

import requests
from lxml import html

from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen_forms.tests.common import GrcFormsCommon

GET = "odoo.addons.grc_citoyen_location.models.base_geocoder.requests.get"
BAN_ANSWER = {
    "features": [
        {
            "geometry": {"coordinates": [4.8467, 45.7602]},
            "properties": {
                "label": "12 Rue des Lilas 69003 Lyon",
                "housenumber": "12",
                "street": "Rue des Lilas",
                "postcode": "69003",
                "city": "Lyon",
                "citycode": "69383",
            },
        }
    ]
}


class FakeResponse:
    status_code = 200

    def raise_for_status(self):
        return None

    def json(self):
        return BAN_ANSWER


@tagged("post_install", "-at_install")
class TestFormsLocation(GrcFormsCommon, HttpCase):
    """The terrace permit's address question suggests the addresses of the
    Base Adresse Nationale, asked by the server; a plain field without it."""

    def setUp(self):
        super().setUp()
        # Each test asks the (fake) address base itself.
        self.env.registry.clear_cache()

    def test_suggestions_bounded_and_cached(self):
        with patch(GET, return_value=FakeResponse()) as get:
            short = self.url_open("/demarches/adresses/suggestions?q=12")
            found = self.url_open("/demarches/adresses/suggestions?q=12 rue des lilas")
            again = self.url_open("/demarches/adresses/suggestions?q=12  rue des lilas")
        self.assertEqual(short.json(), {"suggestions": []})
        self.assertEqual(
            found.json(),
            {
                "suggestions": [
                    {"label": "12 Rue des Lilas 69003 Lyon", "citycode": "69383"}
                ]
            },
        )
        self.assertEqual(again.json(), found.json())
        self.assertEqual(
            get.call_count, 1, "short queries are not sent, answers cached"
        )
        self.assertLessEqual(get.call_args.kwargs["timeout"], 3)
        self.assertEqual(get.call_args.kwargs["params"]["autocomplete"], 1)

    def test_address_base_down_gives_no_suggestion(self):
        with patch(GET, side_effect=requests.ConnectionError("down")) as get:
            response = self.url_open("/demarches/adresses/suggestions?q=rue des lilas")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), {"suggestions": []})
        self.assertEqual(get.call_count, 1)

    def test_form_field_tied_to_its_list(self):
        """A text field with its native list of suggestions, the help saying
        so; the other questions have none. Nothing is asked to the address
        base to draw the form."""
        helene, _marc = self._create_portal_users("formslocation")
        self.authenticate(helene.login, helene.login)
        with patch(GET) as get:
            page = html.fromstring(
                self.url_open(f"/demarches/{self.type_terrace.id}/nouvelle").content
            )
        get.assert_not_called()
        address = page.get_element_by_id("grc_q_adresse")
        self.assertEqual(address.get("type"), "text")
        self.assertEqual(address.get("name"), "q_adresse")
        self.assertEqual(address.get("list"), "grc_address_adresse")
        self.assertEqual(page.get_element_by_id("grc_address_adresse").tag, "datalist")
        self.assertIn(
            "suggested as you type",
            page.get_element_by_id("grc_help_q_adresse").text_content(),
        )
        self.assertIsNone(page.get_element_by_id("grc_q_etab").get("list"))

    def test_address_typed_without_suggestion_is_filed(self):
        """Without the script, the answer typed is checked by the form's rule."""
        ticket = self.env["helpdesk.ticket"]._grc_submit_request(
            self._intake_values(
                answers=self._answers(adresse="3 place Bellecour 69002 Lyon")
            )
        )
        answer = ticket.grc_form_answer_ids.filtered(lambda a: a.key == "adresse")
        self.assertEqual(answer.value_char, "3 place Bellecour 69002 Lyon")
