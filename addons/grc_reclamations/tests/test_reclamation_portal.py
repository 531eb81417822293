# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ReclamationCommon

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


@tagged("post_install", "-at_install")
class TestReclamationPortal(HttpCase, ReclamationCommon):
    """The citizen's complaints on the portal: filing, isolation, answer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.citizen_user = new_test_user(
            cls.env,
            login="rec_citizen",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            email=cls.citizen.email,
        )
        cls.other_citizen = cls.env["res.partner"].create(
            {"name": "Paul Autre", "is_citizen": True, "email": "paul@example.fr"}
        )
        cls.other_user = new_test_user(
            cls.env,
            login="rec_other_citizen",
            groups="base.group_portal",
            partner_id=cls.other_citizen.id,
            email=cls.other_citizen.email,
        )
        cls.ticket = cls._create_request()
        cls.other_ticket = cls._create_request(partner_id=cls.other_citizen.id)
        cls.other_rec = cls._create_reclamation(
            partner_id=cls.other_citizen.id, subject="Réclamation de Paul"
        )

    def _post_new(self, files=None, **data):
        values = {
            "csrf_token": http.Request.csrf_token(self),
            "reason_id": self.reason_late.id,
            "subject": "Lampadaire toujours éteint",
            "description": "Trois semaines sans réponse <script>alert(1)</script>",
            "submission_token": "token-1",
        }
        values.update(data)
        return self.url_open(
            "/my/reclamation/new", data=values, files=files, allow_redirects=False
        )

    def _mine(self):
        return self.Reclamation.search([("partner_id", "=", self.citizen.id)])

    def test_form_offers_own_requests_only(self):
        """The form lists the citizen's requests, never another citizen's."""
        self.authenticate("rec_citizen", "rec_citizen")
        response = self.url_open(f"/my/reclamation/new?ticket_id={self.ticket.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ticket.number, response.text)
        self.assertNotIn(self.other_ticket.number, response.text)
        self.assertIn('name="submission_token"', response.text)

    def test_file_a_complaint_about_a_request(self):
        """Posting the form files the complaint, linked to the request, escaped."""
        self.authenticate("rec_citizen", "rec_citizen")
        response = self._post_new(ticket_id=self.ticket.id)
        self.assertEqual(response.status_code, 303)
        rec = self._mine()
        self.assertEqual(len(rec), 1)
        self.assertIn(f"/my/reclamation/{rec.id}", response.headers["Location"])
        self.assertEqual(rec.ticket_ids, self.ticket)
        self.assertEqual(rec.team_ids, self.team_voirie)
        self.assertEqual(
            rec.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        )
        self.assertNotIn("<script>", rec.description)
        page = self.url_open(f"/my/reclamation/{rec.id}")
        self.assertIn("Lampadaire toujours éteint", page.text)
        self.assertNotIn("<script>alert(1)</script>", page.text)

    def test_same_form_twice_files_one_complaint(self):
        """Submitting the same form again returns the complaint already filed."""
        self.authenticate("rec_citizen", "rec_citizen")
        first = self._post_new()
        second = self._post_new()
        self.assertEqual(first.headers["Location"], second.headers["Location"])
        self.assertEqual(len(self._mine()), 1)

    def test_csrf_is_required(self):
        """A post without the CSRF token is refused."""
        self.authenticate("rec_citizen", "rec_citizen")
        with self.assertLogs("odoo.http", level="WARNING"):
            response = self._post_new(csrf_token="")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._mine())

    def test_uploads_are_checked(self):
        """A file that is not an accepted document is refused with a message."""
        self.authenticate("rec_citizen", "rec_citizen")
        response = self._post_new(
            files={"attachments": ("photo.png", b"MZ\x90\x00 executable", "image/png")}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not accepted", response.text)
        self.assertIn("Lampadaire toujours éteint", response.text, "the input is kept")
        self.assertFalse(self._mine())
        response = self._post_new(
            files={"attachments": ("photo.png", PNG, "image/png")},
            submission_token="t2",
        )
        self.assertEqual(response.status_code, 303)
        rec = self._mine()
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", rec._name), ("res_id", "=", rec.id)]
        )
        self.assertEqual(attachment.mimetype, "image/png")

    def test_another_citizens_request_is_refused(self):
        """A citizen cannot complain about another citizen's request."""
        self.authenticate("rec_citizen", "rec_citizen")
        response = self._post_new(ticket_id=self.other_ticket.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("not one of yours", response.text)
        self.assertFalse(self._mine())

    def test_citizens_are_isolated(self):
        """A citizen neither lists nor opens another citizen's complaint."""
        mine = self._create_reclamation(subject="Ma réclamation")
        self.authenticate("rec_citizen", "rec_citizen")
        listing = self.url_open("/my/reclamations")
        self.assertIn(mine.name, listing.text)
        self.assertNotIn(self.other_rec.name, listing.text)
        response = self.url_open(
            f"/my/reclamation/{self.other_rec.id}", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertNotIn("Réclamation de Paul", response.text)
        letter = self.url_open(
            f"/my/reclamation/{self.other_rec.id}?report_type=pdf",
            allow_redirects=False,
        )
        self.assertEqual(letter.status_code, 303)

    def test_access_token_opens_the_complaint(self):
        """The link sent by mail (access token) opens the complaint without login."""
        url = self.other_rec.get_portal_url()
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Réclamation de Paul", response.text)

    def test_answer_letter_and_satisfaction(self):
        """Once answered, the citizen gets the letter and says if it satisfied them."""
        rec = self._create_reclamation(subject="Ma réclamation")
        self.authenticate("rec_citizen", "rec_citizen")
        early = self.url_open(
            f"/my/reclamation/{rec.id}?report_type=pdf", allow_redirects=False
        )
        self.assertEqual(early.status_code, 303, "no letter before the answer")
        csrf = http.Request.csrf_token(self)
        self.url_open(
            f"/my/reclamation/{rec.id}/satisfaction",
            data={"csrf_token": csrf, "satisfaction": "satisfied"},
        )
        self.assertFalse(rec.citizen_satisfaction, "no opinion before the answer")
        self._analyse(rec).action_answered_by_post()
        page = self.url_open(f"/my/reclamation/{rec.id}")
        self.assertIn("Vous avez raison", page.text)
        letter = self.url_open(f"/my/reclamation/{rec.id}?report_type=pdf")
        self.assertEqual(letter.status_code, 200)
        self.url_open(
            f"/my/reclamation/{rec.id}/satisfaction",
            data={
                "csrf_token": csrf,
                "satisfaction": "not_satisfied",
                "feedback": "<b>Toujours pas réparé</b>",
            },
        )
        self.assertEqual(rec.citizen_satisfaction, "not_satisfied")
        self.assertEqual(rec.citizen_feedback, "<b>Toujours pas réparé</b>")
        opinion = rec.message_ids.filtered(lambda m: "Toujours" in m.body)
        self.assertIn("&lt;b&gt;Toujours", opinion.body, "the feedback is escaped")
        self.assertEqual(opinion.author_id, self.citizen)
        self.assertTrue(rec.activity_ids.filtered(lambda a: a.user_id == self.officer))

    def _list_queries(self):
        before = self.cr.sql_log_count
        response = self.url_open("/my/reclamations")
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_list_queries_do_not_grow_with_complaints(self):
        """The list costs about the same number of queries for 2 or 20 complaints."""
        self.Reclamation.with_context(grc_reclamation_no_mail=True).create(
            [
                {
                    "subject": f"R{i}",
                    "partner_id": self.citizen.id,
                    "reason_id": self.reason_other.id,
                }
                for i in range(2)
            ]
        )
        self.authenticate("rec_citizen", "rec_citizen")
        self._list_queries()
        few = self._list_queries()
        self.Reclamation.with_context(grc_reclamation_no_mail=True).create(
            [
                {
                    "subject": f"S{i}",
                    "partner_id": self.citizen.id,
                    "reason_id": self.reason_other.id,
                }
                for i in range(18)
            ]
        )
        many = self._list_queries()
        self.assertGreater(few, 5, "the page's queries are counted")
        self.assertLessEqual(many - few, 3, f"{few} queries for 2, {many} for 20")

    def test_home_counter(self):
        """The portal home counts the citizen's complaints."""
        self._create_reclamation()
        self.authenticate("rec_citizen", "rec_citizen")
        response = self.url_open(
            "/my/counters",
            data='{"params": {"counters": ["reclamation_count"]}}',
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.json()["result"]["reclamation_count"], 1)

    def test_pages_titled_with_one_h1(self):
        """The complaint pages have one level-1 heading and a title of their
        own, translated (not the template's English name)."""
        mine = self._create_reclamation(subject="Ma réclamation")
        self.authenticate("rec_citizen", "rec_citizen")
        for url, title in (
            ("/my/reclamations", "My complaints"),
            (f"/my/reclamation/{mine.id}", mine.name),
            ("/my/reclamation/new", "File a complaint"),
        ):
            with self.subTest(url=url):
                page = html.fromstring(self.url_open(url).content)
                self.assertEqual(len(page.xpath("//h1")), 1)
                self.assertTrue(page.findtext(".//title").startswith(title))
        french = self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["grc_reclamations"], ["fr_FR"])
        website = self.env["website"].get_current_website()
        website.write({"language_ids": [(4, french.id)], "default_lang_id": french.id})
        self.citizen_user.lang = "fr_FR"
        self.authenticate("rec_citizen", "rec_citizen")
        page = html.fromstring(self.url_open("/my/reclamations").content)
        self.assertTrue(page.findtext(".//title").startswith("Mes réclamations"))


@tagged("post_install", "-at_install")
class TestReclamationIntake(ReclamationCommon):
    """The single intake method every path calls."""

    def _values(self, **values):
        vals = {
            "partner_id": self.citizen.id,
            "subject": "Accueil fermé",
            "description": "Porte close à 10 h un mardi.",
            "reason_id": self.reason_late.id,
        }
        vals.update(values)
        return vals

    def _submit(self, **values):
        return self.Reclamation.sudo()._grc_submit_reclamation(self._values(**values))

    def test_token_makes_submission_idempotent(self):
        """The same token twice gives the same complaint."""
        first = self._submit(submission_token="abc")
        self.assertEqual(self._submit(submission_token="abc"), first)
        self.assertNotEqual(self._submit(submission_token="def"), first)

    def test_upload_limits_follow_the_request_settings(self):
        """Size and count limits are those set for requests."""
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("grc_citoyen.attachment_max_size_mb", "0.00005")
        with self.assertRaisesRegex(UserError, "is too big"):
            self._submit(attachments=[("photo.png", PNG)])
        params.set_param("grc_citoyen.attachment_max_size_mb", "10")
        params.set_param("grc_citoyen.attachment_max_count", "2")
        with self.assertRaisesRegex(UserError, "at most 2 files"):
            self._submit(attachments=[("photo.png", PNG)] * 3)
        rec = self._submit(attachments=[("photo.png", PNG)] * 2)
        self.assertEqual(
            self.env["ir.attachment"].search_count(
                [("res_model", "=", rec._name), ("res_id", "=", rec.id)]
            ),
            2,
        )

    def test_bad_input_is_refused(self):
        """Unpublished reasons, empty or oversized texts are refused."""
        self.reason_late.is_published = False
        with self.assertRaises(UserError):
            self._submit()
        self.reason_late.is_published = True
        with self.assertRaises(UserError):
            self._submit(description="  ")
        with self.assertRaises(UserError):
            self._submit(subject="x" * 201)
        self.assertFalse(self.Reclamation.search([("subject", "=", "Accueil fermé")]))
