# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .test_mandate import MandateCommon


class TestMandateAccess(MandateCommon):
    """The representative reads and follows the requests filed under a
    mandate as long as it is in force: archived, expired or not yet started,
    they neither read them nor follow them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.aidant_user = new_test_user(
            cls.env,
            login="jeanne-acces",
            name="Jeanne Aidante",
            groups="base.group_portal",
            partner_id=cls.aidant.id,
        )
        cls.ticket = cls._submit()

    def assertRepresentativeReads(self):
        ticket = self.ticket.with_user(self.aidant_user)
        ticket.check_access("read")
        self.assertIn(
            self.ticket, ticket.search([("id", "=", self.ticket.id)]), "not listed"
        )
        self.assertIn(self.aidant, self.ticket.message_partner_ids)

    def assertRepresentativeLocked(self):
        self.ticket.invalidate_recordset()
        ticket = self.ticket.with_user(self.aidant_user)
        self.assertNotIn(self.aidant, self.ticket.message_partner_ids)
        with self.assertRaises(AccessError):
            ticket.read(["name"])
        self.assertFalse(ticket.search([("id", "=", self.ticket.id)]))
        # The citizen still follows their request.
        self.assertIn(self.citizen, self.ticket.message_partner_ids)

    def test_valid_mandate_gives_access(self):
        self.assertTrue(self.mandate.in_force)
        self.assertRepresentativeReads()

    def test_archived_mandate_ends_access(self):
        self.mandate.action_archive()
        self.assertFalse(self.mandate.in_force)
        self.assertRepresentativeLocked()

    def test_deleted_mandate_ends_access(self):
        self.mandate.unlink()
        self.assertRepresentativeLocked()

    def test_expired_mandate_ends_access_with_the_daily_cron(self):
        today = fields.Date.today()
        self.mandate.date_to = today + timedelta(days=5)
        self.assertRepresentativeReads()
        with freeze_time(today + timedelta(days=6)):
            self.env["grc.mandate"]._cron_grc_refresh_in_force()
            self.assertFalse(self.mandate.in_force)
            self.assertRepresentativeLocked()

    def test_mandate_cut_short_ends_access_at_once(self):
        """An end date moved to the past ends access without waiting."""
        self.mandate.date_to = fields.Date.today() - timedelta(days=1)
        self.assertRepresentativeLocked()

    def test_mandate_not_yet_started_gives_no_access(self):
        """Moved to start tomorrow: no access until then, access from then."""
        tomorrow = fields.Date.today() + timedelta(days=1)
        self.mandate.date_from = tomorrow
        self.assertFalse(self.mandate.in_force)
        self.assertRepresentativeLocked()
        with freeze_time(tomorrow):
            self.env["grc.mandate"]._cron_grc_refresh_in_force()
            self.assertTrue(self.mandate.in_force)
            self.ticket.invalidate_recordset()
            self.ticket.with_user(self.aidant_user).check_access("read")
