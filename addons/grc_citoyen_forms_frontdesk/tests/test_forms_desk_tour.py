# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.grc_citoyen_forms.tests.common import GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormsDeskTour(GrcFormsCommon, HttpCase):
    def test_conditions_shown_as_the_agent_answers(self):
        """In the console, the question shown by an answer appears when the
        agent gives that answer and goes away when it changes; the server
        drops the answer of the hidden question."""
        desk = new_test_user(
            self.env, login="desk_terrasse", groups="grc_citoyen.group_grc_frontdesk"
        )
        console = (
            self.env["grc.frontdesk.console"]
            .with_user(desk)
            .create(
                {
                    "channel_id": self.env.ref(
                        "grc_citoyen.helpdesk_ticket_channel_front_desk"
                    ).id,
                    "partner_id": self.citizen.id,
                    "request_type_id": self.type_terrace.id,
                }
            )
        )
        self.assertEqual(
            console.grc_form_conditions, {"type_chauffage": ["chauffage", "yes"]}
        )
        self.start_tour(
            f"/odoo/grc.frontdesk.console/{console.id}",
            "grc_forms_desk_conditions",
            login="desk_terrasse",
        )
        answers = console._grc_form_answers()
        self.assertEqual(answers["chauffage"], "no")
        self.assertEqual(answers["type_chauffage"], "Électrique")
        definition = self.type_terrace._grc_form_definition()
        shown = self.env["grc.form.engine"]._grc_shown_keys(definition, answers)
        self.assertNotIn("type_chauffage", shown)
