# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.grc_citoyen.tests.test_request_intake import PDF
from odoo.addons.grc_citoyen_privacy.tests.test_retention import RetentionCommon


class TestPrivacyDrafts(RetentionCommon):
    """A citizen's saved démarches are theirs: in their data download, and
    gone when they are anonymised."""

    def test_drafts_exported_then_deleted_with_the_identity(self):
        citizen = self._citizen("Paul Ancien")
        draft, _refused = self.env["grc.citizen.draft"]._grc_save(
            citizen,
            self.type_lamp,
            [("description", "Lampadaire éteint")],
            {"attachments": [("avis.pdf", PDF, "application/pdf")]},
        )
        data, files = citizen._grc_personal_data_export()
        [saved] = data["saved_drafts"]
        self.assertEqual(saved["demarche"], self.type_lamp.name)
        self.assertEqual(saved["answers"], {"description": ["Lampadaire éteint"]})
        self.assertEqual(len(saved["files"]), 1)
        self.assertIn((saved["files"][0], PDF), files)
        attachment = draft.attachment_ids
        self.engine._anonymise_citizens(citizen)
        self.assertFalse(draft.exists())
        self.assertFalse(attachment.exists())
