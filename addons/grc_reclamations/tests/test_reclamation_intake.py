# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints go through the intake of requests: the same upload policy
(extension and content, HEIC included), idempotency helper and error type."""

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError

from .common import ReclamationCommon

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 32
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


class TestReclamationIntake(ReclamationCommon):
    def _values(self, **values):
        return {
            "partner_id": self.citizen.id,
            "subject": "Aucune réponse",
            "description": "Ma demande attend depuis deux mois.",
            "reason_id": self.reason_late.id,
            "submission_token": "token-1",
            **values,
        }

    def _submit(self, **values):
        return self.env["grc.reclamation.intake"]._submit(self._values(**values))

    def test_executable_refused(self):
        """An executable is refused, even named as a PDF, with the field."""
        for name in ("virus.exe", "facture.pdf"):
            with self.subTest(name=name), self.assertRaises(GrcIntakeError) as caught:
                self._submit(attachments=[(name, EXE)])
            self.assertIn(name, caught.exception.errors["attachments"])
        self.assertFalse(
            self.Reclamation.search([("submission_token", "=", "token-1")])
        )

    def test_heic_accepted(self):
        """An iPhone photo (HEIC) is accepted; its type is read from it."""
        reclamation = self._submit(attachments=[("photo.heic", HEIC), ("a.pdf", PDF)])
        files = self.env["ir.attachment"].search(
            [("res_model", "=", reclamation._name), ("res_id", "=", reclamation.id)]
        )
        self.assertEqual(
            sorted(files.mapped("mimetype")), ["application/pdf", "image/heic"]
        )

    def test_per_field_errors(self):
        """Every refused value is named, all at once."""
        with self.assertRaises(GrcIntakeError) as caught:
            self._submit(subject="", description="", reason_id=False)
        self.assertEqual(
            set(caught.exception.errors), {"subject", "description", "reason_id"}
        )

    def test_replay_returns_the_same_complaint(self):
        """The same form token returns the complaint filed the first time."""
        first = self._submit()
        self.assertEqual(self._submit(), first)
        self.assertEqual(
            self.Reclamation.search_count([("submission_token", "=", "token-1")]), 1
        )
