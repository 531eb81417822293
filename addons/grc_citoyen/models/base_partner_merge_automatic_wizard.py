# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import api, models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Odoo's merge of contacts, made safe for the citizen referential."""

    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        partners = self.env["res.partner"].browse(partner_ids).exists()
        if len(partners) < 2 or not all(partners.mapped("is_citizen")):
            return super()._merge(partner_ids, dst_partner, extra_checks=extra_checks)
        # Odoo lets only administrators merge contacts with different e-mails,
        # an empty one included. Suspected duplicates of citizens never have two
        # different e-mails (the dedup engine rejects them), so a front-desk
        # agent may merge a citizen known by phone with its twin known by e-mail.
        emails = {p.email_normalized for p in partners if p.email_normalized}
        if extra_checks and len(emails) > 1 and not self.env.is_admin():
            raise UserError(
                self.env._(
                    "These citizens have different e-mails (%(emails)s): they are "
                    "probably two people. Only an administrator can merge them.",
                    emails=", ".join(sorted(emails)),
                )
            )
        # The agent must be allowed to change and delete these contacts; the
        # merge itself then runs as superuser (sudo), because other modules hook
        # into it with records a front-desk agent cannot read (website visitors...).
        partners.check_access("write")
        partners.check_access("unlink")
        return super(BasePartnerMergeAutomaticWizard, self.sudo())._merge(
            partner_ids, dst_partner and dst_partner.sudo(), extra_checks=False
        )

    @api.model
    def _update_values(self, src_partners, dst_partner):
        # Odoo copies the sources' values onto the survivor while the sources
        # still exist: a citizen number would break its unique constraint. The
        # survivor keeps its own number, or takes the first source's.
        number = dst_partner.citizen_number or next(
            (p.citizen_number for p in src_partners if p.citizen_number), False
        )
        numbered = src_partners.filtered("citizen_number")
        if numbered:
            numbered.write({"citizen_number": False})
        result = super()._update_values(src_partners, dst_partner)
        if number and dst_partner.citizen_number != number:
            dst_partner.write({"citizen_number": number})
        return result

    def _log_merge_operation(self, src_partners, dst_partner):
        # The citizen's timeline says which records were merged into it.
        if dst_partner.is_citizen:
            dst_partner.message_post(
                body=self.env._(
                    "Merged with the duplicate(s): %(names)s.",
                    names=", ".join(
                        f"{p.display_name} (#{p.id})" for p in src_partners
                    ),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return super()._log_merge_operation(src_partners, dst_partner)
