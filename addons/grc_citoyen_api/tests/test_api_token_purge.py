# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common_api import GrcApiCommon

NOW = datetime(2026, 6, 1, 3, 0, 0)


@tagged("post_install", "-at_install")
class TestApiTokenPurge(GrcApiCommon):
    """Tokens expired or revoked long ago are deleted by a daily cron."""

    def _token(self, name, expiry_days, revoked_days=None):
        """A token of citizen A expiring ``expiry_days`` from NOW (negative:
        in the past), revoked ``revoked_days`` before NOW if given."""
        record, _token = self.env["grc.api.token"]._grc_issue(self.user_a, name)
        record.expiry_date = NOW + timedelta(days=expiry_days)
        if revoked_days is not None:
            record.revoked_date = NOW - timedelta(days=revoked_days)
        return record

    def _tokens(self):
        return self.env["grc.api.token"].search([("user_id", "=", self.user_a.id)])

    def test_cron_is_daily(self):
        """The purge runs every day."""
        cron = self.env.ref("grc_citoyen_api.ir_cron_grc_api_token_purge")
        self.assertTrue(cron.active)
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertEqual(cron.code.strip(), "model._cron_purge_tokens()")

    def test_purge_after_default_delay(self):
        """Tokens expired or revoked over 90 days ago go; the others stay."""
        self.token_a_record.expiry_date = NOW + timedelta(days=200)
        kept = self.token_a_record | self._token("Recently expired", -89)
        kept |= self._token("Recently revoked", 300, revoked_days=89)
        purged = self._token("Expired long ago", -91)
        purged |= self._token("Revoked long ago", 300, revoked_days=91)
        purged |= self._token("Both long ago", -120, revoked_days=100)
        with freeze_time(NOW):
            count = self.env["grc.api.token"]._cron_purge_tokens()
        self.assertEqual(count, 3)
        self.assertFalse(purged.exists())
        self.assertEqual(self._tokens(), kept)

    def test_purge_delay_setting(self):
        """The delay is a system parameter, also shown in the settings."""
        self.env["ir.config_parameter"].set_param(
            "grc_citoyen.api_token_purge_days", "10"
        )
        recent = self._token("Expired 11 days ago", -11)
        young = self._token("Expired 9 days ago", -9)
        with freeze_time(NOW):
            self.env["grc.api.token"]._cron_purge_tokens()
        self.assertFalse(recent.exists())
        self.assertTrue(young.exists())
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.grc_api_token_purge_days, 10)
        settings.grc_api_token_purge_days = 30
        settings.execute()
        self.assertEqual(self.env["grc.api.token"]._grc_purge_days(), 30)

    def test_bad_setting_falls_back(self):
        """A delay that is not a positive number never purges valid tokens."""
        params = self.env["ir.config_parameter"]
        params.set_param("grc_citoyen.api_token_purge_days", "soon")
        self.assertEqual(self.env["grc.api.token"]._grc_purge_days(), 90)
        params.set_param("grc_citoyen.api_token_purge_days", "-5")
        self.assertEqual(self.env["grc.api.token"]._grc_purge_days(), 1)
        valid = self._token("Valid", 10)
        with freeze_time(NOW):
            self.env["grc.api.token"]._cron_purge_tokens()
        self.assertTrue(valid.exists())

    def test_purge_in_batches(self):
        """A batch deletes at most its size and reports what is left."""
        old = self.env["grc.api.token"]
        for index in range(5):
            old |= self._token(f"Old {index}", -200)
        cron = self.env.ref("grc_citoyen_api.ir_cron_grc_api_token_purge")
        progress = self.env["ir.cron.progress"].create(
            {"cron_id": cron.id, "remaining": 0, "done": 0}
        )
        tokens = self.env["grc.api.token"].with_context(ir_cron_progress_id=progress.id)
        with freeze_time(NOW):
            self.assertEqual(tokens._cron_purge_tokens(batch_size=2), 2)
            self.assertEqual((progress.done, progress.remaining), (2, 3))
            self.assertEqual(tokens._cron_purge_tokens(batch_size=2), 2)
            self.assertEqual(tokens._cron_purge_tokens(batch_size=2), 1)
            self.assertEqual((progress.done, progress.remaining), (1, 0))
            self.assertEqual(tokens._cron_purge_tokens(batch_size=2), 0)
        self.assertFalse(old.exists())

    def test_purge_all_companies(self):
        """Tokens of every company are purged, whoever runs the cron."""
        other_company = self.env["res.company"].create({"name": "Autre commune"})
        self.user_b.write(
            {"company_ids": [(4, other_company.id)], "company_id": other_company.id}
        )
        record, _token = self.env["grc.api.token"]._grc_issue(self.user_b, "Other")
        record.expiry_date = NOW - timedelta(days=200)
        self.assertEqual(record.company_id, other_company)
        with freeze_time(NOW):
            self.env["grc.api.token"].with_company(
                self.env.ref("base.main_company")
            )._cron_purge_tokens()
        self.assertFalse(record.exists())
