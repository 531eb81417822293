# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen_privacy.tests import test_retention
from odoo.addons.grc_reclamations.tests.common import ReclamationCommon, paris

NOW = test_retention.NOW


class ReclamationRetentionCommon(ReclamationCommon, test_retention.RetentionCommon):
    """Complaints of citizens known for years, closed at a given date."""

    @classmethod
    def _old_citizen(cls, name):
        citizen = cls._citizen(name)
        cls._finished_request(datetime(2018, 3, 1), partner_id=citizen.id)
        return citizen

    def _closed_complaint(self, closed_on, **values):
        """A complaint received a month before ``closed_on``, analysed,
        answered by post and closed on that day."""
        with freeze_time(closed_on.replace(day=1)):
            rec = self._create_reclamation(
                received_date=closed_on.replace(day=1), **values
            )
        with freeze_time(closed_on):
            self._analyse(rec, analysis="<p>Mme Núñez a appelé trois fois.</p>")
            rec.with_user(self.officer).action_answered_by_post()
            rec.with_user(self.officer).action_close()
        return rec


class TestReclamationRetention(ReclamationRetentionCommon):
    """Closed complaints past their retention period are anonymised."""

    def test_expired_complaint_is_anonymised(self):
        """The citizen link, texts, files and messages go; reason, services,
        dates, root cause and outcome stay."""
        rec = self._closed_complaint(
            datetime(2020, 3, 10), subject="Agent impoli avec Mme Núñez"
        )
        rec.write(
            {"citizen_satisfaction": "satisfied", "citizen_feedback": "Merci Odile."}
        )
        rec.message_post(
            body="Je joins le courrier, Hélène Núñez.",
            author_id=self.citizen.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("courrier-nunez.pdf", b"%PDF- Helene")],
        )
        rec._portal_ensure_token()
        stats = [
            "name",
            "reason_id",
            "severity",
            "stage_id",
            "state",
            "team_ids",
            "responsible_team_id",
            "root_cause_id",
            "justification",
            "citizen_satisfaction",
            "received_date",
            "answer_deadline",
            "answer_date",
            "closed_date",
            "deadline_status",
            "signatory_id",
        ]
        before = rec.read(stats)
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["reclamation_count"], 1)
        rec.invalidate_recordset()
        self.assertEqual(rec.read(stats), before)
        self.assertEqual(str(rec.closed_date), "2020-03-10 00:00:00")
        self.assertTrue(rec.grc_anonymised_date)
        self.assertEqual(
            rec.partner_id,
            self.env.ref("grc_reclamations_privacy.res_partner_anonymised_complainant"),
        )
        self.assertEqual(rec.subject, self.reason_incomplete.name)
        for name in ("description", "analysis", "answer_body"):
            self.assertEqual(str(rec[name]), "<p>[anonymised]</p>")
        self.assertFalse(rec.citizen_feedback)
        self.assertFalse(rec.access_token)
        self.assertNotIn(self.citizen, rec.message_partner_ids)
        messages = rec.message_ids
        self.assertFalse(messages.attachment_ids)
        self.assertFalse(messages.filtered(lambda m: m.author_id == self.citizen))
        self.assertNotIn("Núñez", " ".join(str(m.body) for m in messages))
        self.assertFalse(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", "grc.reclamation"), ("res_id", "=", rec.id)]
            )
        )
        self.assertFalse(self.engine._expired_reclamations(NOW), "done once")

    def test_retention_runs_from_the_closure(self):
        """Five years after closure by default, or the company's period;
        complaints answered but not closed are kept."""
        rec = self._closed_complaint(datetime(2021, 7, 1))
        answered = self._create_reclamation(received_date=paris(2019, 1, 7, 9, 0))
        self._analyse(answered).action_answered_by_post()
        self.assertFalse(self.engine._expired_reclamations(NOW))
        self.assertEqual(self.engine._expired_reclamations(datetime(2026, 7, 1)), rec)
        self.env.company.reclamation_retention_months = 36
        self.assertEqual(self.engine._expired_reclamations(NOW), rec)

    def test_retention_period_is_at_least_a_month(self):
        """A retention period of zero months is refused."""
        with self.assertRaises(ValidationError):
            self.env.company.reclamation_retention_months = 0


class TestReclamationRetentionCitizens(ReclamationRetentionCommon):
    """Complaints and the anonymisation of their citizen."""

    def test_open_complaint_keeps_the_citizen(self):
        """Old requests expire, but a complaint being handled keeps the
        citizen and stays as it is."""
        kept = self._old_citizen("Odile Plainte")
        gone = self._old_citizen("Gaston Parti")
        rec = self._create_reclamation(
            partner_id=kept.id, received_date=paris(2018, 1, 8, 9, 0)
        )
        self.engine._run_retention(NOW)
        self.assertFalse(kept.grc_anonymised_date)
        self.assertEqual(kept.name, "Odile Plainte")
        self.assertEqual(rec.partner_id, kept)
        self.assertFalse(rec.grc_anonymised_date)
        self.assertTrue(gone.with_context(active_test=False).grc_anonymised_date)

    def test_closed_complaint_within_its_period_keeps_the_citizen(self):
        """A complaint closed recently keeps its citizen."""
        kept = self._old_citizen("Odile Plainte")
        self._closed_complaint(datetime(2024, 2, 12), partner_id=kept.id)
        self.engine._run_retention(NOW)
        self.assertFalse(kept.grc_anonymised_date)

    def test_citizen_with_only_expired_complaints_is_anonymised(self):
        """Once their complaints are anonymised, nothing keeps the citizen:
        both happen in the same run."""
        gone = self._old_citizen("Gaston Parti")
        recs = self._closed_complaint(
            datetime(2019, 2, 11), partner_id=gone.id
        ) | self._closed_complaint(datetime(2020, 2, 10), partner_id=gone.id)
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["reclamation_count"], 2)
        self.assertTrue(all(recs.mapped("grc_anonymised_date")))
        gone = gone.with_context(active_test=False)
        self.assertTrue(gone.grc_anonymised_date)
        self.assertEqual(gone.name, f"Citizen anonymised #{gone.id}")

    def test_cron_logs_complaints_for_administrators_only(self):
        """The daily run counts the complaints anonymised; a complaints
        officer cannot read the log, an administrator can."""
        self._closed_complaint(datetime(2019, 2, 11))
        with freeze_time(NOW):
            log = self.engine._cron_anonymise_expired()
        admin = new_test_user(
            self.env, login="rec-log-admin", groups="grc_citoyen.group_grc_admin"
        )
        self.assertEqual(log.with_user(admin).reclamation_count, 1)
        for user in (self.officer, self.director):
            with self.assertRaises(AccessError):
                log.with_user(user).read(["reclamation_count"])


class TestReclamationElimination(ReclamationRetentionCommon):
    """Complaints are public archives: listed for the archives' visa, then
    destroyed with it."""

    def test_complaint_listed_then_destroyed_with_the_visa(self):
        self.env.company.grc_elimination_visa_required = True
        rec = self._closed_complaint(datetime(2019, 2, 11))
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["reclamation_count"], 0)
        self.assertGreaterEqual(counts["proposed_count"], 1)
        self.assertEqual(counts["remaining_count"], 0)
        elimination = self.env["grc.elimination.list"].search(
            [("line_ids.reclamation_id", "=", rec.id)]
        )
        self.assertEqual(
            (elimination.kind, elimination.state), ("reclamation", "proposed")
        )
        self.assertEqual(
            elimination.line_ids.filtered("reclamation_id").reference, rec.name
        )
        with self.assertRaisesRegex(UserError, "without the archives' visa"):
            elimination.action_eliminate()
        self.assertFalse(rec.grc_anonymised_date)
        # Not listed twice.
        self.engine._run_retention(NOW)
        self.assertEqual(
            self.env["grc.elimination.list.line"].search_count(
                [("reclamation_id", "=", rec.id)]
            ),
            1,
        )
        elimination.write(
            {
                "visa_signatory": "Directrice des archives départementales",
                "visa_date": "2026-06-01",
                "visa_reference": "AD-2026-7",
            }
        )
        elimination.action_record_visa()
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["reclamation_count"], 1)
        self.assertTrue(rec.grc_anonymised_date)
        self.assertEqual(elimination.state, "done")


class TestReclamationErasure(ReclamationRetentionCommon):
    """A citizen's erasure covers their complaints."""

    def test_erasure_waits_for_open_complaints(self):
        """A complaint not answered yet refuses the erasure."""
        rec = self._create_reclamation()
        with self.assertRaisesRegex(UserError, rec.name):
            self.engine._check_erasure(self.citizen)

    def test_erasure_anonymises_answered_complaints(self):
        """Answered complaints are anonymised with the rest, whatever their
        retention period."""
        rec = self._closed_complaint(datetime(2026, 3, 9))
        counts = self.engine._erase_citizen(self.citizen)
        self.assertEqual(counts["reclamation_count"], 1)
        self.assertTrue(rec.grc_anonymised_date)
        self.assertNotEqual(rec.partner_id, self.citizen)


class TestReclamationDownload(ReclamationRetentionCommon):
    """The data download lists the citizen's own complaints."""

    def test_download_holds_own_complaints_without_the_analysis(self):
        """The complaint and its answer are there; the analysis and another
        citizen's complaint are not."""
        user = new_test_user(
            self.env,
            login="rec-download",
            groups="base.group_portal",
            partner_id=self.citizen.id,
            name=self.citizen.name,
        )
        rec = self._closed_complaint(datetime(2026, 3, 9))
        other = self._create_reclamation(
            partner_id=self._citizen("Gaston Parti").id, subject="Voisin bruyant"
        )
        data, _files = self.citizen.with_user(user)._grc_personal_data_export()
        self.assertEqual([c["reference"] for c in data["complaints"]], [rec.name])
        complaint = data["complaints"][0]
        self.assertEqual(
            complaint["answer"], "Vous avez raison, veuillez nous excuser."
        )
        self.assertEqual(complaint["closed_on"], "2026-03-09 00:00:00")
        everything = json.dumps(data, ensure_ascii=False)
        for secret in ("a appelé trois fois", other.name, "Voisin bruyant"):
            self.assertNotIn(secret, everything)
