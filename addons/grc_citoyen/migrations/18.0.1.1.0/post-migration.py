# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Accounts opened before e-mail addresses were verified.

A citizen's account is opened by an invitation (or a reset-password link)
mailed to their address, and its login is that address: an account that
signed in at least once with a login still equal to its e-mail has proved
that it receives mail there. Without this, every existing account would
start unverified and the requests of its citizen, arriving by mail or
from the online form, would go to records "to be confirmed".
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE res_partner p
           SET grc_email_verified = TRUE
          FROM res_users u
         WHERE u.partner_id = p.id
           AND u.share
           AND u.active
           AND p.email_normalized IS NOT NULL
           AND lower(u.login) = p.email_normalized
           AND EXISTS (SELECT 1 FROM res_users_log l WHERE l.create_uid = u.id)
        """
    )
