# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

from ..models.grc_request_similarity import GrcRequestSimilarity, trigram_similarity

# Place Bellecour, Lyon; a degree of latitude is about 111.3 km.
LAT, LON = 45.7578, 4.8320
METRE = 1 / 111320


class SimilarityCommon(GrcCommon):
    """An open street-lamp report at a known place and text."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.write({"location_required": True, "similarity_distance": 100})
        cls.type_graffiti = cls.env["grc.request.type"].create(
            {"name": "Tag sur un mur", "code": "TAG", "team_id": cls.team_voirie.id}
        )
        cls.report = cls._create_request(
            description="<p>Le lampadaire devant le 12 rue des Lilas ne s'allume "
            "plus depuis lundi soir.</p>",
            location_street="12 rue des Lilas",
            location_zip="69003",
            location_city="Lyon",
            location_latitude=LAT,
            location_longitude=LON,
        )
        cls.engine = cls.env["grc.request.similarity"]

    def _values(self, **values):
        base = {
            "request_type_id": self.type_lamp.id,
            "description": "Un autre problème sans rapport.",
        }
        base.update(values)
        return base

    def _similar(self, **values):
        return self.engine._find_similar(self._values(**values))


@tagged("post_install", "-at_install")
class TestSimilarity(SimilarityCommon):
    """The engine finds open requests of the same type by place or by text."""

    def test_within_distance_of_the_type(self):
        """60 m away is similar; 300 m away only if the type allows it."""
        self.assertEqual(
            self._similar(location_latitude=LAT + 60 * METRE, location_longitude=LON),
            self.report,
        )
        far = {"location_latitude": LAT + 300 * METRE, "location_longitude": LON}
        self.assertFalse(self._similar(**far))
        self.type_lamp.similarity_distance = 500
        self.assertEqual(self._similar(**far), self.report)
        match = self.engine._find_similar_matches(self._values(**far))[0]
        self.assertEqual(match["reason"], "distance")
        self.assertAlmostEqual(match["distance"], 300, delta=2)

    def test_same_street_same_zip(self):
        """Same street and postal code match whatever the number and spelling."""
        self.assertEqual(
            self._similar(location_street="40, R. des lilas", location_zip="69003"),
            self.report,
        )
        self.assertFalse(
            self._similar(location_street="40 rue des Lilas", location_zip="69008")
        )
        self.assertFalse(
            self._similar(location_street="40 rue des Roses", location_zip="69003")
        )

    def test_similar_text_with_trigrams(self):
        """A very similar description matches; a different one does not."""
        if not self.engine._has_trigram():
            self.skipTest("pg_trgm is not available on this database")
        text = "Lampadaire devant le 12 rue des Lilas ne s'allume plus depuis lundi"
        self.assertEqual(self._similar(description=text), self.report)
        self.assertFalse(
            self._similar(description="Nid de poule avenue Jean Jaurès, dangereux")
        )

    def test_similar_text_without_trigrams(self):
        """Without pg_trgm the same measure runs in Python on recent requests."""
        text = "Lampadaire devant le 12 rue des Lilas ne s'allume plus depuis lundi"
        with patch.object(GrcRequestSimilarity, "_has_trigram", return_value=False):
            self.assertEqual(self._similar(description=text), self.report)
            self.assertFalse(
                self._similar(description="Nid de poule avenue Jean Jaurès, dangereux")
            )
            # Only the last 90 days are compared by text.
            self.report.received_date = fields.Datetime.now() - timedelta(days=120)
            self.assertFalse(self._similar(description=text))

    def test_python_measure_is_pg_trgm(self):
        """The Python fallback computes what pg_trgm's similarity() computes."""
        left = "Le lampadaire devant le 12 rue des Lilas ne s'allume plus"
        right = "Lampadaire devant le 12 rue des Lilas ne s'allume plus depuis lundi"
        python = trigram_similarity(left, right)
        if self.engine._has_trigram():
            self.env.cr.execute(
                "SELECT similarity(lower(%s), lower(%s))", (left, right)
            )
            self.assertAlmostEqual(python, self.env.cr.fetchone()[0], places=5)
        self.assertGreater(python, 0.5)
        self.assertEqual(trigram_similarity("Éclairage", "eclairage"), 1.0)

    def test_default_subject_is_not_compared(self):
        """A subject that is only the démarche's name makes no two requests alike."""
        other = self._create_request(
            name=self.type_lamp.name, description="<p>Poteau penché.</p>"
        )
        similar = self._similar(
            name=self.type_lamp.name, description="Ampoule grillée."
        )
        self.assertNotIn(other, similar)

    def test_only_open_requests_of_the_same_type(self):
        """Other types, finished and merged requests are never similar."""
        place = {"location_latitude": LAT, "location_longitude": LON}
        other_type = self._create_request(
            request_type_id=self.type_graffiti.id, **place
        )
        done = self._create_request(**place)
        self._resolve(done)
        merged = self._create_request(duplicate_id=self.report.id, **place)
        similar = self._similar(**place)
        self.assertEqual(similar, self.report)
        self.assertFalse(similar & (other_type | done | merged))
        self.assertFalse(
            self._similar(exclude_ids=self.report.ids, **place),
            "a request is not similar to itself",
        )

    def test_bounded_queries(self):
        """Place and text are looked up in two queries whatever the volume."""
        self._create_request(location_latitude=LAT + 10 * METRE, location_longitude=LON)
        values = self._values(
            location_latitude=LAT,
            location_longitude=LON,
            location_street="3 rue des Lilas",
            location_zip="69003",
            description="Le lampadaire ne s'allume plus rue des Lilas",
        )
        self.engine._find_similar(values)  # warm the caches
        self.env.flush_all()
        with self.assertQueryCount(2):
            self.assertEqual(len(self.engine._find_similar(values)), 2)


@tagged("post_install", "-at_install")
class TestSimilarOnRequest(SimilarityCommon):
    """Agents see the similar requests on the request form."""

    def test_similar_requests_on_the_form(self):
        """A new request at the same place shows the open report while typed."""
        with Form(self.env["helpdesk.ticket"]) as form:
            form.name = "Lampadaire"
            form.description = "<p>Éteint.</p>"
            form.request_type_id = self.type_lamp
            form.team_id = self.team_voirie
            form.location_latitude = LAT + 20 * METRE
            form.location_longitude = LON
            self.assertEqual(form.grc_similar_count, 1)
        request = form.record
        self.assertEqual(request.grc_similar_ids, self.report)
        self.assertEqual(self.report.grc_similar_ids, request)
        action = request.action_grc_view_similar()
        self.assertEqual(
            self.env["helpdesk.ticket"].search(action["domain"]), self.report
        )

    def test_similar_requests_respect_access(self):
        """An agent never sees a similar request of a confidential service."""
        agent = new_test_user(
            self.env, login="agent_voirie", groups="grc_citoyen.group_grc_agent"
        )
        self.team_voirie.user_ids = [(4, agent.id)]
        hidden = self._create_request(
            team_id=self.team_ccas.id,
            location_latitude=LAT,
            location_longitude=LON,
        )
        visible = self._create_request(location_latitude=LAT, location_longitude=LON)
        self.assertIn(hidden, visible.grc_similar_ids)
        visible.invalidate_recordset(["grc_similar_ids", "grc_similar_count"])
        self.assertNotIn(
            hidden, visible.with_user(agent).grc_similar_ids, "confidential request"
        )
        self.assertIn(self.report, visible.with_user(agent).grc_similar_ids)
