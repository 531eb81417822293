# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from odoo.tests import tagged

from .common import GrcFormsCommon


@tagged("post_install", "-at_install")
class TestFormSearch(GrcFormsCommon):
    """Questions an administrator marks to search and group requests by
    become properties of the requests (Odoo's search and Group By)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.q_name | cls.q_tables | cls.q_start | cls.q_season | cls.q_heating).write(
            {"searchable": True}
        )
        cls.q_start.date_future = False
        cls.start = datetime.date(2031, 6, 1)
        tickets = cls.env["helpdesk.ticket"]
        cls.lilas = tickets._grc_submit_request(
            cls._intake_values(answers=cls._answers(debut=cls.start.isoformat()))
        )
        cls.rose = tickets._grc_submit_request(
            cls._intake_values(
                answers=cls._answers(
                    etab="Bar de la Rose",
                    tables="12",
                    periode="Année entière",
                    chauffage="yes",
                    type_chauffage="Électrique",
                    debut=cls.start.isoformat(),
                )
            )
        )
        cls.requests = cls.lilas | cls.rose

    def test_definition_lists_the_marked_questions(self):
        definition = self.type_terrace.grc_answer_properties_definition
        self.assertEqual(
            [(prop["name"], prop["type"]) for prop in definition],
            [
                ("etab", "char"),
                ("tables", "float"),
                ("debut", "date"),
                ("periode", "char"),
                ("chauffage", "boolean"),
            ],
        )
        # A file or a section cannot be searched by.
        self.q_plan.searchable = True
        self.q_section.searchable = True
        self.assertNotIn(
            "plan",
            [p["name"] for p in self.type_terrace.grc_answer_properties_definition],
        )

    def test_requests_searched_by_a_marked_answer(self):
        tickets = self.env["helpdesk.ticket"]
        domain = [("id", "in", self.requests.ids)]
        self.assertEqual(
            tickets.search(domain + [("grc_answer_properties.etab", "ilike", "rose")]),
            self.rose,
        )
        self.assertEqual(
            tickets.search(domain + [("grc_answer_properties.tables", ">=", 10)]),
            self.rose,
        )
        self.assertEqual(
            tickets.search(domain + [("grc_answer_properties.chauffage", "=", False)]),
            self.lilas,
        )
        self.assertEqual(
            tickets.search(
                domain + [("grc_answer_properties.debut", "=", self.start.isoformat())]
            ),
            self.requests,
        )
        # An answer not marked is not a property of the request.
        self.assertNotIn("siret", self.lilas.grc_answer_properties)

    def test_requests_grouped_by_a_marked_answer(self):
        groups = self.env["helpdesk.ticket"]._read_group(
            [("id", "in", self.requests.ids)],
            groupby=["grc_answer_properties.periode"],
            aggregates=["__count"],
        )
        self.assertEqual(sorted(groups), [("Année entière", 1), ("Saison estivale", 1)])
        groups = self.env["helpdesk.ticket"]._read_group(
            [("id", "in", self.requests.ids)],
            groupby=["grc_answer_properties.chauffage"],
            aggregates=["__count"],
        )
        self.assertEqual(sorted(groups), [(False, 1), (True, 1)])

    def test_search_view_offers_the_answers(self):
        arch = self.env["helpdesk.ticket"].get_views([(False, "search")])["views"][
            "search"
        ]["arch"]
        self.assertIn('name="grc_answer_properties"', arch)
        self.assertIn("'group_by': 'grc_answer_properties'", arch)

    def test_answers_as_filed_whatever_the_marks_become(self):
        """Unmarking a question takes it out of the search; the answers as
        filed do not change."""
        self.q_name.searchable = False
        self.assertNotIn(
            "etab",
            [p["name"] for p in self.type_terrace.grc_answer_properties_definition],
        )
        answer = self.rose.grc_form_answer_ids.filtered(lambda a: a.key == "etab")
        self.assertEqual(answer.display_value, "Bar de la Rose")

    def test_question_marked_later_fills_the_requests_filed(self):
        self.assertFalse(self.lilas.grc_answer_properties.get("siret"))
        self.q_siret.searchable = True
        self.assertEqual(self.lilas.grc_answer_properties["siret"], "73282932000074")
        self.assertEqual(
            self.env["helpdesk.ticket"].search(
                [
                    ("id", "in", self.requests.ids),
                    ("grc_answer_properties.siret", "=", "73282932000074"),
                ]
            ),
            self.requests,
        )

    def test_defaults_of_answers_still_apply(self):
        """Answers skip the row by row look-up of defaults only when none
        applies: an administrator's default and the context's still do."""
        answers = self.env["grc.form.answer"]
        vals = {"ticket_id": self.lilas.id, "key": "extra", "label": "Extra"}
        self.assertFalse(answers.create(dict(vals)).section)
        self.assertEqual(
            answers.with_context(default_section="Contexte").create(dict(vals)).section,
            "Contexte",
        )
        self.env["ir.default"].set("grc.form.answer", "section", "Administrateur")
        self.assertEqual(answers.create(dict(vals)).section, "Administrateur")
