# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, new_test_user, tagged


def _migration():
    path = get_module_path("grc_citoyen") + "/migrations/18.0.1.1.0/post-migration.py"
    spec = importlib.util.spec_from_file_location("grc_citoyen_mig_1_1", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestEmailVerifiedMigration(TransactionCase):
    """Accounts opened before verification existed: only those that signed
    in with their address as login count as verified."""

    def _portal(self, login, email, signed_in):
        user = new_test_user(
            self.env, login=login, email=email, groups="base.group_portal"
        )
        user.partner_id.sudo().grc_email_verified = False
        if signed_in:
            self.env["res.users.log"].with_user(user).sudo().create({})
        return user

    def test_signed_in_with_the_address_is_verified(self):
        invited = self._portal("ines@example.fr", "ines@example.fr", True)
        never = self._portal("paul@example.fr", "paul@example.fr", False)
        other = self._portal("marc.login", "marc@example.fr", True)
        self.env.flush_all()
        _migration().migrate(self.env.cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertTrue(invited.partner_id.grc_email_verified)
        self.assertFalse(never.partner_id.grc_email_verified)
        self.assertFalse(other.partner_id.grc_email_verified)

    def test_new_install_does_nothing(self):
        invited = self._portal("lea@example.fr", "lea@example.fr", True)
        self.env.flush_all()
        _migration().migrate(self.env.cr, None)
        self.env.invalidate_all()
        self.assertFalse(invited.partner_id.grc_email_verified)
