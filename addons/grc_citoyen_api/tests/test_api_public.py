# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common_api import GrcApiClientCase


@tagged("post_install", "-at_install")
class TestApiPublicCatalogue(GrcApiClientCase):
    """The public catalogue answers without token, and shows nothing else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        # Only this test's types: the database may hold others.
        cls.env["grc.request.type"].search(
            [("id", "not in", cls.type_lamp.ids)]
        ).is_published = False
        categories = cls.env["helpdesk.ticket.category"]
        cls.cat_road = categories.create({"name": "Voirie"})
        cls.cat_light = categories.create(
            {"name": "Éclairage", "parent_id": cls.cat_road.id}
        )
        cls.cat_social = categories.create({"name": "Action sociale"})
        cls.type_lamp.write(
            {"category_id": cls.cat_light.id, "description": "<p>Panne</p>"}
        )
        cls.type_lamp.with_context(lang="en_US").name = "Broken street light"
        cls.type_lamp.with_context(lang="fr_FR").name = "Éclairage public en panne"
        cls.type_confidential = cls.env["grc.request.type"].create(
            {
                "name": "Aide sociale",
                "team_id": cls.team_voirie.id,
                "category_id": cls.cat_social.id,
                "is_published": True,
                "is_confidential": True,
            }
        )
        cls.type_ccas = cls.env["grc.request.type"].create(
            {
                "name": "Rendez-vous CCAS",
                "team_id": cls.team_ccas.id,
                "category_id": cls.cat_social.id,
                "is_published": True,
            }
        )
        cls.type_archived = cls.env["grc.request.type"].create(
            {"name": "Ancien", "team_id": cls.team_voirie.id, "active": False}
        )
        other_company = cls.env["res.company"].create({"name": "Autre commune"})
        cls.type_other_company = cls.env["grc.request.type"].create(
            {
                "name": "Autre commune",
                "team_id": cls.team_voirie.id,
                "company_id": other_company.id,
            }
        )

    def _public(self, path, headers=None, **params):
        return self._call("GET", f"/public{path}", headers=headers, params=params)

    def test_without_token(self):
        """The catalogue answers without token, with cache headers."""
        response = self._public("/request-types")
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.headers["Cache-Control"], "public, max-age=300")
        self.assertEqual(response.headers["Vary"], "Accept-Language")

    def test_only_public_types(self):
        """Only published, active, non-confidential types of the company are listed."""
        body = self._public("/request-types").json()
        self.assertEqual([item["id"] for item in body["items"]], self.type_lamp.ids)
        self.assertEqual(body["total"], 1)
        item = body["items"][0]
        self.assertEqual(item["category_id"], self.cat_light.id)
        self.assertEqual(item["category"], "Voirie / Éclairage")
        self.assertEqual(item["description"], "Panne")

    def test_no_personal_data(self):
        """Nothing about services' people nor citizens is in the catalogue."""
        self.team_voirie.write(
            {"contact_email": "chef.voirie@example.fr", "contact_phone": "0472000000"}
        )
        self._create_request()
        text = "".join(
            self._public(path).text
            for path in ("/request-types", "/categories", "/contact-channels")
        )
        for secret in (
            "chef.voirie@example.fr",
            "0472000000",
            self.citizen.name,
            self.citizen.email,
            "team",
        ):
            self.assertNotIn(secret, text)

    def test_categories(self):
        """The categories of the public types and those above them, as a tree."""
        body = self._public("/categories").json()
        by_id = {item["id"]: item for item in body["items"]}
        self.assertEqual(set(by_id), {self.cat_road.id, self.cat_light.id})
        self.assertEqual(by_id[self.cat_light.id]["parent_id"], self.cat_road.id)
        self.assertEqual(by_id[self.cat_light.id]["full_name"], "Voirie / Éclairage")
        self.assertIsNone(by_id[self.cat_road.id]["parent_id"])
        self.assertEqual(body["total"], 2)

    def test_filter_by_category(self):
        """A category lists its types and those of the categories below it."""
        for category, expected in (
            (self.cat_road, self.type_lamp.ids),
            (self.cat_light, self.type_lamp.ids),
            (self.cat_social, []),
        ):
            body = self._public("/request-types", category_id=category.id).json()
            self.assertEqual([item["id"] for item in body["items"]], expected)

    def test_contact_channels(self):
        """The ways a citizen can ask to be contacted, with their labels."""
        body = self._public("/contact-channels").json()
        codes = [item["code"] for item in body]
        self.assertIn("email", codes)
        self.assertIn("sms", codes)
        self.assertTrue(all(item["label"] for item in body))

    def test_language(self):
        """`lang` chooses the language; without it, Accept-Language does."""
        english = self._public("/request-types", lang="en")
        self.assertEqual(english.json()["items"][0]["name"], "Broken street light")
        self.assertEqual(english.headers["Content-Language"], "en")
        french = self._public("/request-types", lang="fr")
        self.assertEqual(french.json()["items"][0]["name"], "Éclairage public en panne")
        self.assertEqual(french.headers["Content-Language"], "fr")
        header = self._public("/request-types", headers={"Accept-Language": "fr-FR"})
        self.assertEqual(header.json()["items"][0]["name"], "Éclairage public en panne")
        both = self._public(
            "/request-types", headers={"Accept-Language": "fr"}, lang="en"
        )
        self.assertEqual(both.json()["items"][0]["name"], "Broken street light")
        self.assertApiError(
            self._public("/request-types", lang="de"), 422, "validation_error", "lang"
        )

    def test_page_size_is_bounded(self):
        """Pages hold 50 types at most; paging parameters are checked."""
        self.type_lamp.copy({"name": "Deuxième", "code": "ECL2"})
        page = self._public("/request-types", page=2, page_size=1).json()
        self.assertEqual((page["total"], len(page["items"])), (2, 1))
        for params, field in (
            ({"page_size": 51}, "page_size"),
            ({"page_size": 0}, "page_size"),
            ({"page": 0}, "page"),
            ({"page": 1001}, "page"),
            ({"category_id": 0}, "category_id"),
        ):
            response = self._public("/request-types", **params)
            self.assertApiError(response, 422, "validation_error", field)
        response = self._public("/categories", page_size=51)
        self.assertApiError(response, 422, "validation_error", "page_size")

    def test_query_count_is_bounded(self):
        """A page costs the same number of queries for 2 or 12 types."""

        def count_queries():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._public("/request-types", page_size=50)
            self._public("/categories")
            return self.env.cr.sql_log_count - before

        self._public("/request-types")  # warm the caches
        few = count_queries()
        for index in range(10):
            category = self.env["helpdesk.ticket.category"].create(
                {"name": f"Catégorie {index}", "parent_id": self.cat_road.id}
            )
            self.type_lamp.copy(
                {
                    "name": f"Type {index}",
                    "code": f"T{index}",
                    "category_id": category.id,
                }
            )
        self.assertEqual(count_queries(), few)

    def test_everything_else_needs_a_token(self):
        """The citizen's routes still answer 401 without token."""
        for method, path in (
            ("GET", "/request-types"),
            ("GET", "/requests"),
            ("GET", "/me"),
            ("POST", "/requests/1/messages"),
        ):
            self.assertApiError(
                self._call(method, path), 401, "authentication_required"
            )
        self.assertApiError(self._call("GET", "/public/nothing"), 404, "not_found")
        self.assertApiError(
            self._call("POST", "/public/request-types"), 405, "method_not_allowed"
        )
