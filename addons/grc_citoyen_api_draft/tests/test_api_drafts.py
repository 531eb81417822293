# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen_api.tests.common_api import PNG, GrcApiClientCase


@tagged("post_install", "-at_install")
class TestApiDrafts(GrcApiClientCase):
    """A démarche saved on the website is resumed and sent from the app, and
    the other way round; a citizen reaches only their own drafts."""

    def _save(self, values, token=None, **fields):
        body = {"request_type_id": self.type_lamp.id, "values": values}
        body.update(fields)
        return self._call("POST", "/drafts", token or self.token_a, json=body)

    def test_started_on_the_website_resumed_and_sent_from_the_app(self):
        drafts = self.env["grc.citizen.draft"]
        web_draft, _refused = drafts._grc_save(
            self.citizen,
            self.type_lamp,
            [("name", "Lampadaire éteint"), ("description", "Rue des Lilas")],
            files={"attachments": [("photo.png", PNG, "image/png")]},
        )
        listed = self._call("GET", "/drafts", self.token_a)
        self.assertEqual(listed.status_code, 200, listed.text)
        self.assertEqual([d["id"] for d in listed.json()], [web_draft.id])
        resumed = self._call("GET", f"/drafts/{web_draft.id}", self.token_a).json()
        self.assertEqual(resumed["values"]["description"], ["Rue des Lilas"])
        self.assertEqual(resumed["files"][0]["name"], "photo.png")
        self.assertEqual(
            resumed["started_on"],
            self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").name,
        )
        # Completed in the app, then sent: one request, with the photo.
        saved = self._save(
            {"name": "Lampadaire éteint", "description": "Rue des Lilas, devant le 12"},
            draft_id=web_draft.id,
        )
        self.assertEqual(saved.status_code, 200, saved.text)
        self.assertEqual(saved.json()["id"], web_draft.id)
        sent = self._call("POST", f"/drafts/{web_draft.id}/submit", self.token_a)
        self.assertEqual(sent.status_code, 201, sent.text)
        ticket = self._requests_of(self.citizen)
        self.assertEqual(len(ticket), 1)
        self.assertIn("devant le 12", ticket.description)
        self.assertEqual(len(ticket.attachment_ids), 1)
        self.assertFalse(web_draft.exists())
        # Sent twice (another phone): not found, no second request.
        again = self._call("POST", f"/drafts/{web_draft.id}/submit", self.token_a)
        self.assertApiError(again, 404, "not_found")
        self.assertEqual(len(self._requests_of(self.citizen)), 1)

    def test_saved_in_the_app_found_on_the_website(self):
        saved = self._save({"name": "Trottoir abîmé"})
        self.assertEqual(saved.status_code, 200, saved.text)
        draft = self.env["grc.citizen.draft"].browse(saved.json()["id"])
        self.assertEqual(draft.partner_id, self.citizen)
        self.assertEqual(
            draft.channel_id,
            self.env.ref("grc_citoyen.helpdesk_ticket_channel_mobile_app"),
        )
        self.assertEqual(draft.name, "Trottoir abîmé")
        added = self._call(
            "POST",
            f"/drafts/{draft.id}/files",
            self.token_a,
            files=[("files", ("photo.png", PNG, "image/png"))],
        )
        self.assertEqual(added.status_code, 200, added.text)
        self.assertEqual([f["name"] for f in added.json()["files"]], ["photo.png"])
        refused = self._call(
            "POST",
            f"/drafts/{draft.id}/files",
            self.token_a,
            files=[("files", ("virus.exe", b"MZ\x90\x00", "application/octet-stream"))],
        )
        self.assertApiError(refused, 422, "validation_error", "files")
        deleted = self._call("DELETE", f"/drafts/{draft.id}", self.token_a)
        self.assertEqual(deleted.status_code, 204)
        self.assertFalse(draft.exists())

    def test_bad_input(self):
        self.assertApiError(
            self._save({}, request_type_id=self.type_hidden.id),
            422,
            "validation_error",
            "request_type_id",
        )
        self.assertApiError(self._save({"name": "a\x00b"}), 422, "validation_error")

    def test_only_their_own(self):
        draft, _refused = self.env["grc.citizen.draft"]._grc_save(
            self.citizen, self.type_lamp, [("name", "Secret")]
        )
        for method, path in (
            ("GET", f"/drafts/{draft.id}"),
            ("DELETE", f"/drafts/{draft.id}"),
            ("POST", f"/drafts/{draft.id}/submit"),
        ):
            self.assertApiError(
                self._call(method, path, self.token_b), 404, "not_found"
            )
        self.assertEqual(self._call("GET", "/drafts", self.token_b).json(), [])
        overwrite = self._save({"name": "Volé"}, token=self.token_b, draft_id=draft.id)
        self.assertApiError(overwrite, 404, "not_found")
        self.assertEqual(draft.name, "Secret")
        self.assertApiError(
            self._call("GET", "/drafts"), 401, "authentication_required"
        )
