# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from .test_retention import NOW, RetentionCommon


class EliminationCommon(RetentionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.grc_elimination_visa_required = True
        cls.archivist = new_test_user(
            cls.env,
            login="elim-archivist",
            name="Anne Archiviste",
            groups="grc_citoyen_privacy.group_grc_archives",
        )
        cls.admin = new_test_user(
            cls.env, login="elim-admin", groups="grc_citoyen.group_grc_admin"
        )
        cls.agent = new_test_user(
            cls.env, login="elim-agent", groups="grc_citoyen.group_grc_agent"
        )
        cls.citizen_a = cls._citizen("Irène Elimin")
        closed_on = datetime(2020, 1, 10)
        cls.noise = cls._finished_request(
            closed_on,
            request_type_id=cls.type_noise.id,
            partner_id=cls.citizen_a.id,
            description="<p>Le voisin du 3 fait du bruit</p>",
        )
        cls.noise_2 = cls._finished_request(
            closed_on,
            request_type_id=cls.type_noise.id,
            partner_id=cls.citizen_a.id,
        )
        cls.other = cls._finished_request(
            closed_on, request_type_id=cls.type_default.id, partner_id=cls.citizen_a.id
        )
        cls.recent = cls._finished_request(
            datetime(2026, 3, 1),
            request_type_id=cls.type_noise.id,
            partner_id=cls.citizen_a.id,
        )
        cls.Lists = cls.env["grc.elimination.list"]

    def _lists(self):
        return self.Lists.search([("company_id", "=", self.env.company.id)])


class TestEliminationLists(EliminationCommon):
    """Expired requests are listed per type, and destroyed only once the
    archives' visa is recorded on their list."""

    def test_run_proposes_one_list_per_type_and_destroys_nothing(self):
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["proposed_count"], 3)
        self.assertEqual(counts["request_count"], 0)
        self.assertEqual(counts["remaining_count"], 0)
        lists = self._lists()
        self.assertEqual(
            {(e.request_type_id, e.state, e.line_count) for e in lists},
            {(self.type_noise, "proposed", 2), (self.type_default, "proposed", 1)},
        )
        noise_list = lists.filtered(lambda e: e.request_type_id == self.type_noise)
        self.assertRegex(noise_list.name, r"^ELIM-\d{4}-\d{4}$")
        line = noise_list.line_ids.filtered(lambda line: line.ticket_id == self.noise)
        self.assertEqual(line.reference, self.noise.number)
        self.assertEqual(line.due_date, date(2021, 1, 10))
        self.assertFalse(
            any((self.noise | self.noise_2 | self.other).mapped("grc_anonymised_date"))
        )
        self.assertEqual(self.citizen_a.name, "Irène Elimin")
        # The next day: nothing listed twice, the citizen still waits.
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["proposed_count"], 0)
        self.assertEqual(self._lists(), lists)
        self.assertEqual(sum(lists.mapped("line_count")), 3)

    def test_elimination_refused_without_visa(self):
        self.engine._run_retention(NOW)
        lists = self._lists()
        with self.assertRaisesRegex(UserError, "without the archives' visa"):
            lists.with_user(self.archivist).action_eliminate()
        self.assertFalse(self.noise.grc_anonymised_date)
        # An administrator cannot approve it without who, when and reference.
        with self.assertRaisesRegex(UserError, "Visa given by"):
            lists[0].with_user(self.admin).action_record_visa()
        self.assertEqual(set(lists.mapped("state")), {"proposed"})
        # Nor can the database hold an approved list without them.
        with (
            self.assertRaises(psycopg2.IntegrityError),
            self.env.cr.savepoint(),
            mute_logger("odoo.sql_db"),
        ):
            lists[0].sudo().write({"state": "approved"})
            lists[0].flush_recordset()

    def test_archivist_visa_then_elimination(self):
        self.engine._run_retention(NOW)
        noise_list = self._lists().filtered(
            lambda e: e.request_type_id == self.type_noise
        )
        noise_list.with_user(self.archivist).action_record_visa()
        self.assertEqual(noise_list.state, "approved")
        self.assertEqual(noise_list.visa_signatory, "Anne Archiviste")
        self.assertEqual(noise_list.visa_reference, noise_list.name)
        self.assertTrue(noise_list.visa_date)
        self.assertEqual(noise_list.visa_user_id, self.archivist)
        noise_list.with_user(self.archivist).action_eliminate()
        self.assertEqual(noise_list.state, "done")
        self.assertEqual(noise_list.eliminated_count, 2)
        self.assertTrue(all(noise_list.line_ids.mapped("eliminated")))
        self.assertTrue(self.noise.grc_anonymised_date)
        self.assertNotIn("voisin", self.noise.description)
        self.assertTrue(self.noise_2.grc_anonymised_date)
        # The other type's list still waits; the recent request is kept.
        self.assertFalse(self.other.grc_anonymised_date)
        self.assertFalse(self.recent.grc_anonymised_date)
        log = self.env["grc.retention.log"].search([], limit=1)
        self.assertEqual((log.trigger, log.request_count), ("elimination", 2))
        # The list and its visa stay, as the proof; it cannot be cancelled.
        with self.assertRaises(UserError):
            noise_list.action_cancel()
        self.assertEqual(
            noise_list.line_ids.mapped("reference"),
            [self.noise.number, self.noise_2.number],
        )

    def test_visa_of_the_departmental_archives_recorded_by_an_admin(self):
        """An administrator records the visa the director of the
        departmental archives signed on paper; the next run carries the
        list out."""
        self.engine._run_retention(NOW)
        other_list = self._lists().filtered(
            lambda e: e.request_type_id == self.type_default
        )
        other_list.with_user(self.admin).write(
            {
                "visa_signatory": "M. Durand, directeur des archives départementales",
                "visa_date": "2026-06-10",
                "visa_reference": "AD37-2026-112",
            }
        )
        other_list.with_user(self.admin).action_record_visa()
        self.assertEqual(other_list.visa_reference, "AD37-2026-112")
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["request_count"], 1)
        self.assertEqual(other_list.state, "done")
        self.assertTrue(self.other.grc_anonymised_date)
        self.assertFalse(self.noise.grc_anonymised_date)

    def test_record_kept_by_the_archives_is_never_eliminated(self):
        self.engine._run_retention(NOW)
        noise_list = self._lists().filtered(
            lambda e: e.request_type_id == self.type_noise
        )
        line = noise_list.line_ids.filtered(lambda line: line.ticket_id == self.noise)
        line.with_user(self.archivist).decision = "keep"
        self.assertEqual(noise_list.kept_count, 1)
        noise_list.with_user(self.archivist).action_record_visa()
        with self.assertRaises(UserError):
            line.with_user(self.archivist).decision = "eliminate"
        noise_list.with_user(self.archivist).action_eliminate()
        self.assertFalse(self.noise.grc_anonymised_date)
        self.assertTrue(self.noise_2.grc_anonymised_date)
        self.engine._run_retention(NOW)
        self.assertFalse(
            self.env["grc.elimination.list.line"].search(
                [("ticket_id", "=", self.noise.id), ("list_id", "!=", noise_list.id)]
            )
        )

    def test_cancelled_list_is_proposed_again(self):
        self.engine._run_retention(NOW)
        self._lists().action_cancel()
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["proposed_count"], 3)

    def test_agent_cannot_read_nor_approve_a_list(self):
        self.engine._run_retention(NOW)
        lists = self._lists()
        with self.assertRaises(AccessError):
            lists.with_user(self.agent).read(["name"])
        with self.assertRaises(AccessError):
            lists.with_user(self.agent).action_record_visa()
        with self.assertRaises(AccessError):
            lists.with_user(self.agent).action_eliminate()
        self.assertEqual(set(lists.mapped("state")), {"proposed"})
