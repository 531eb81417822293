# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from xml.etree import ElementTree

from odoo.tests import tagged

from odoo.addons.grc_citoyen_open311.tests.test_open311 import Open311Common


@tagged("post_install", "-at_install")
class TestFormsOpen311(Open311Common):
    """A démarche's form is its Open311 service definition; the attributes
    an Open311 client posts are the form's answers, checked by the intake."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        question = cls.env["grc.form.question"]
        common = {"request_type_id": cls.type_lamp.id}
        question.create(
            [
                dict(common, sequence=10, kind="section", name="Le lampadaire"),
                dict(
                    common,
                    sequence=20,
                    kind="selection",
                    name="Que se passe-t-il ?",
                    key="panne",
                    options="Éteint\nClignote\nAllumé le jour",
                    required=True,
                ),
                dict(
                    common,
                    sequence=30,
                    kind="multi",
                    name="Autour",
                    key="autour",
                    options="École\nPassage piéton",
                ),
                dict(
                    common, sequence=40, kind="boolean", name="Danger ?", key="danger"
                ),
                dict(common, sequence=50, kind="date", name="Depuis", key="depuis"),
            ]
        )

    def test_service_definition_lists_the_questions(self):
        services = {s["service_code"]: s for s in self._get("/services.json").json()}
        self.assertIs(services["ECL"]["metadata"], True)
        definition = self._get("/services/ECL.json").json()
        attributes = {a["code"]: a for a in definition["attributes"]}
        self.assertEqual(list(attributes), ["panne", "autour", "danger", "depuis"])
        panne = attributes["panne"]
        self.assertEqual(
            (panne["datatype"], panne["required"], panne["order"], panne["variable"]),
            ("singlevaluelist", True, 1, True),
        )
        self.assertEqual(panne["description"], "Que se passe-t-il ?")
        self.assertEqual(
            [v["key"] for v in panne["values"]],
            ["Éteint", "Clignote", "Allumé le jour"],
        )
        self.assertEqual(attributes["autour"]["datatype"], "multivaluelist")
        self.assertEqual(attributes["danger"]["datatype"], "singlevaluelist")
        self.assertEqual(attributes["depuis"]["datatype"], "datetime")
        xml = ElementTree.fromstring(self._get("/services/ECL.xml").content)
        self.assertEqual(xml.findtext("attributes/attribute/code"), "panne")
        self.assertEqual(
            xml.findtext("attributes/attribute/values/value/key"), "Éteint"
        )

    def test_posted_attributes_are_the_answers(self):
        response = self._post(
            "/requests.json",
            api_key=self.token_a,
            **{
                "attribute[panne]": "Clignote",
                "attribute[autour][]": ["École", "Passage piéton"],
                "attribute[danger]": "yes",
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        ticket = self.env["helpdesk.ticket"].search(
            [("number", "=", response.json()[0]["service_request_id"])]
        )
        answers = {a.key: a for a in ticket.grc_form_answer_ids}
        self.assertEqual(answers["panne"].display_value, "Clignote")
        self.assertIn("Passage piéton", answers["autour"].display_value)
        self.assertIn("École", answers["autour"].display_value)
        self.assertTrue(answers["danger"].value_bool)

    def test_refused_attributes_file_nothing(self):
        for attributes in (
            {},  # the required question
            {"attribute[panne]": "Cassé"},
            {"attribute[panne]": "Éteint", "attribute[inconnu]": "x"},
        ):
            response = self._post("/requests.json", api_key=self.token_a, **attributes)
            self.assertEqual(response.status_code, 400, attributes)
            self.assertTrue(response.json()[0]["description"])
        self.assertFalse(self._requests_of(self.citizen))
