# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from .common import GrcCommon


class RoutingCommon(GrcCommon):
    """Services, categories and channels of the routing tests; the
    database's rules archived."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Team = cls.env["helpdesk.ticket.team"]
        cls.team_lighting = Team.create(
            {"name": "Éclairage public", "parent_id": cls.direction.id}
        )
        cls.team_north = Team.create({"name": "Mairie annexe Nord"})
        cls.team_triage = Team.create({"name": "Accueil - tri"})
        cls.env.company.grc_triage_team_id = cls.team_triage
        cls.category_roads = cls.env["helpdesk.ticket.category"].create(
            {"name": "Voirie"}
        )
        cls.category_holes = cls.env["helpdesk.ticket.category"].create(
            {"name": "Nids de poule", "parent_id": cls.category_roads.id}
        )
        cls.type_other = cls.env["grc.request.type"].create(
            {"name": "Autre demande", "code": "AUT"}
        )
        cls.channel_phone = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.channel_web = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        cls.tag_urgent = cls.env["helpdesk.ticket.tag"].create({"name": "Sécurité"})
        # Rules of other tests and of the database would interfere.
        cls.env["grc.routing.rule"].search([]).action_archive()

    @classmethod
    def _rule(cls, **values):
        vals = {"name": "Règle", "team_id": cls.team_lighting.id}
        vals.update(values)
        return cls.env["grc.routing.rule"].create(vals)

    def _route(self, **values):
        vals = {"name": "Demande", "description": "<p>Bonjour</p>"}
        vals.update(values)
        return self.env["grc.routing.engine"]._route(vals)

    def _new_request(self, **values):
        return self._create_request(team_id=False, **values)


class TestRouting(RoutingCommon):
    # Order and fallback -------------------------------------------------

    def test_first_matching_rule_by_sequence_wins(self):
        """Two matching rules: the one with the lower sequence routes the request."""
        late = self._rule(name="Late", sequence=20, team_id=self.team_north.id)
        early = self._rule(name="Early", sequence=10, keywords="lampadaire")
        request = self._new_request()
        self.assertEqual(request.team_id, self.team_lighting)
        self.assertEqual(request.routing_rule_id, early)
        self.assertEqual(request.routing_origin, "rule")
        self.assertIn("Early", request.routing_trace)
        self.assertIn("lampadaire", request.routing_trace)
        early.sequence = 30
        request = self._new_request()
        self.assertEqual(request.routing_rule_id, late)
        self.assertEqual(request.team_id, self.team_north)

    def test_no_rule_uses_the_service_of_the_request_type(self):
        """Without a matching rule, the request type's default service applies."""
        self._rule(keywords="graffiti")
        request = self._new_request()
        self.assertEqual(request.team_id, self.team_voirie)
        self.assertFalse(request.routing_rule_id)
        self.assertEqual(request.routing_origin, "request_type")
        self.assertIn("No rule matched (1 checked)", request.routing_trace)

    def test_no_rule_no_type_service_goes_to_triage(self):
        """Without rule nor type service, the company's triage service gets it."""
        request = self._new_request(request_type_id=self.type_other.id)
        self.assertEqual(request.team_id, self.team_triage)
        self.assertEqual(request.routing_origin, "triage")
        self.env.company.grc_triage_team_id = self.team_north
        request = self._new_request(request_type_id=False)
        self.assertEqual(request.team_id, self.team_north)

    def test_without_triage_service_request_has_none(self):
        """No rule, no type service, no triage: the request stays without service."""
        self.env.company.grc_triage_team_id = False
        request = self._new_request(request_type_id=self.type_other.id)
        self.assertFalse(request.team_id)
        self.assertEqual(request.routing_origin, "none")

    def test_service_given_at_intake_is_kept(self):
        """A request filed for a service is not routed."""
        self._rule(keywords="lampadaire")
        request = self._create_request(team_id=self.team_north.id)
        self.assertEqual(request.team_id, self.team_north)
        self.assertEqual(request.routing_origin, "intake")
        self.assertFalse(request.routing_rule_id)

    def test_archived_rule_and_archived_service_are_ignored(self):
        """An archived rule, or a rule to an archived service, routes nothing."""
        rule = self._rule(keywords="lampadaire", active=False)
        self.assertFalse(self._route(name="Lampadaire")[1])
        rule.active = True
        self.assertEqual(self._route(name="Lampadaire")[1], rule)
        self.team_lighting.active = False
        self.assertFalse(self._route(name="Lampadaire")[1])

    # Conditions ---------------------------------------------------------

    def test_keywords_ignore_accents_and_case(self):
        """A keyword matches whatever the accents and the case, both ways."""
        rule = self._rule(keywords="éclairage, Réverbère")
        self.assertEqual(self._route(name="ECLAIRAGE en panne")[1], rule)
        self.assertEqual(
            self._route(description="<p>Le reverbere clignote</p>")[1], rule
        )
        rule.keywords = "eclairage"
        self.assertEqual(self._route(name="Panne d'éclairage")[1], rule)
        self.assertFalse(self._route(name="Panne de chauffage")[1])

    def test_keywords_match_start_of_words(self):
        """A keyword matches words that start with it, not the inside of words."""
        rule = self._rule(keywords="lampadaire, nid de poule")
        self.assertEqual(self._route(name="Deux lampadaires éteints")[1], rule)
        self.assertEqual(self._route(name="Un NID-DE-POULE énorme")[1], rule)
        self.assertFalse(self._route(name="Halampadaire")[1])

    def test_zone_by_postal_code_and_prefix(self):
        """Postal codes match exactly, or by prefix with a trailing star."""
        rule = self._rule(zip_codes="69001, 69 002; 6913*")
        self.assertEqual(self._route(location_zip="69001")[1], rule)
        self.assertEqual(self._route(location_zip="69002")[1], rule)
        self.assertEqual(self._route(location_zip="69130")[1], rule)
        self.assertFalse(self._route(location_zip="69003")[1])
        self.assertFalse(self._route()[1])

    def test_zone_by_district_or_commune(self):
        """Named districts or communes match the request's district or city."""
        rule = self._rule(district_names="Croix-Rousse, Saint-Genis-Laval")
        self.assertEqual(self._route(location_district="croix rousse")[1], rule)
        self.assertEqual(self._route(location_city="SAINT GENIS LAVAL")[1], rule)
        self.assertFalse(self._route(location_city="Oullins")[1])
        both = self._rule(sequence=1, zip_codes="69230", district_names="Vaise")
        self.assertEqual(self._route(location_zip="69230")[1], both)
        self.assertEqual(self._route(location_district="Vaise")[1], both)

    def test_category_matches_its_children(self):
        """A rule on a category takes requests of its sub-categories too."""
        rule = self._rule(category_ids=[(6, 0, self.category_roads.ids)])
        self.assertEqual(self._route(category_id=self.category_holes.id)[1], rule)
        self.assertEqual(self._route(category_id=self.category_roads.id)[1], rule)
        self.assertFalse(self._route()[1])
        # The category of the request type counts when the request has none.
        self.type_other.category_id = self.category_holes
        self.assertEqual(self._route(request_type_id=self.type_other.id)[1], rule)

    def test_type_and_channel_conditions_all_apply(self):
        """Every filled condition must match: type and channel together."""
        rule = self._rule(
            request_type_ids=[(6, 0, self.type_lamp.ids)],
            channel_ids=[(6, 0, self.channel_phone.ids)],
        )
        lamp, phone = self.type_lamp.id, self.channel_phone.id
        self.assertEqual(self._route(request_type_id=lamp, channel_id=phone)[1], rule)
        self.assertFalse(
            self._route(request_type_id=lamp, channel_id=self.channel_web.id)[1]
        )
        self.assertFalse(
            self._route(request_type_id=self.type_other.id, channel_id=phone)[1]
        )

    def test_rule_of_another_company_is_ignored(self):
        """A rule of another authority never routes this one's requests."""
        other = self.env["res.company"].create({"name": "Commune voisine"})
        team = self.env["helpdesk.ticket.team"].create(
            {"name": "Voirie voisine", "company_id": other.id}
        )
        self._rule(keywords="lampadaire", company_id=other.id, team_id=team.id)
        self.assertFalse(self._route(name="Lampadaire")[1])
        self.assertEqual(self._route(name="Lampadaire", company_id=other.id)[0], team)

    def test_rule_gives_priority_and_tags(self):
        """A rule raises the priority and adds its tags, never lowers priority."""
        self._rule(keywords="fils", priority="3", tag_ids=[(6, 0, self.tag_urgent.ids)])
        request = self._new_request(name="Fils électriques à nu")
        self.assertEqual(request.priority, "3")
        self.assertEqual(request.tag_ids, self.tag_urgent)
        self._rule(sequence=1, keywords="trottoir", priority="0")
        request = self._new_request(name="Trottoir abîmé", priority="2")
        self.assertEqual(request.priority, "2")

    # Cache ----------------------------------------------------------------

    def test_cache_is_invalidated_when_rules_change(self):
        """Creating, changing, archiving or deleting a rule is seen at once."""
        engine = self.env["grc.routing.engine"]
        self.assertFalse(self._route(name="Graffiti")[1])
        rule = self._rule(keywords="tag")
        self.assertEqual(len(engine._compiled_rules()), 1)
        self.assertFalse(self._route(name="Graffiti")[1])
        rule.keywords = "tag, graffiti"
        self.assertEqual(self._route(name="Graffiti")[1], rule)
        rule.team_id = self.team_north
        self.assertEqual(self._route(name="Graffiti")[0], self.team_north)
        rule.action_archive()
        self.assertFalse(self._route(name="Graffiti")[1])
        rule.action_unarchive()
        self.assertEqual(self._route(name="Graffiti")[1], rule)
        rule.unlink()
        self.assertEqual(engine._compiled_rules(), ())

    def test_rules_are_evaluated_in_memory(self):
        """Routing costs the same queries with 1 rule or 60: none per rule."""
        engine = self.env["grc.routing.engine"]

        def queries():
            engine._compiled_rules()  # filled once per registry, not per request
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._route(name="Lampadaire", request_type_id=self.type_other.id)
            return self.cr.sql_log_count - before

        self._rule(keywords="graffiti")
        with_one_rule = queries()
        self.env["grc.routing.rule"].create(
            [
                {"name": f"R{i}", "team_id": self.team_north.id, "keywords": f"mot{i}"}
                for i in range(60)
            ]
        )
        self.assertEqual(queries(), with_one_rule)
        self.assertLessEqual(with_one_rule, 4)

    # Bad input ----------------------------------------------------------

    def test_rule_without_service_is_refused(self):
        """A rule with no target service is refused with a clear message."""
        with self.assertRaisesRegex(ValidationError, "no target service"):
            self.env["grc.routing.rule"].create({"name": "Sans service"})
        rule = self._rule()
        with self.assertRaisesRegex(ValidationError, "no target service"):
            rule.write({"team_id": False})

    def test_rule_to_a_direction_is_refused(self):
        """Requests go to services: a rule targeting a direction is refused."""
        with self.assertRaisesRegex(ValidationError, "is a direction"):
            self._rule(team_id=self.direction.id)

    def test_malformed_postal_code_is_refused(self):
        """Postal codes must be codes, such as 69001 or 690*."""
        with self.assertRaisesRegex(ValidationError, "is not a postal code"):
            self._rule(zip_codes="69001, Lyon 3e")

    # Screens and access -------------------------------------------------

    def test_rules_are_read_by_users_and_written_by_admins(self):
        """Internal users read rules; only GRC administrators change them."""
        rule = self._rule()
        agent = new_test_user(self.env, "routing_agent", "grc_citoyen.group_grc_agent")
        admin = new_test_user(self.env, "routing_admin", "grc_citoyen.group_grc_admin")
        self.assertEqual(rule.with_user(agent).name, "Règle")
        with self.assertRaises(AccessError):
            rule.with_user(agent).write({"name": "Autre"})
        rule.with_user(admin).write({"name": "Autre"})
        self.assertEqual(rule.name, "Autre")
