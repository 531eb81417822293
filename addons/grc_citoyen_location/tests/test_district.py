# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon


class DistrictCommon(GrcCommon):
    """Districts of a commune and its neighbours; the database's districts
    and routing rules archived."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Districts and rules of the database (demo) would interfere.
        cls.env["grc.district"].search([]).action_archive()
        cls.env["grc.routing.rule"].search([]).action_archive()
        District = cls.env["grc.district"]
        cls.tilleuls = District.create(
            {
                "name": "Les Tilleuls",
                "code": "TIL",
                "zip_codes": "37990",
                "street_names": "rue des Lilas\nallée des Tilleuls",
            }
        )
        cls.centre = District.create(
            {
                "name": "Centre-ville",
                "code": "CV",
                "zip_codes": "37990",
                "street_names": "rue du Pont\nrue de l'Église",
            }
        )
        cls.port = District.create(
            {"name": "Le Port", "code": "PORT", "street_names": "rue du Pont-Neuf"}
        )
        cls.coteaux = District.create(
            {"name": "Les Coteaux", "code": "COT", "zip_codes": "37999"}
        )
        cls.bourg = District.create(
            {"name": "Bourg de Sainte-Colombe", "insee_codes": "37211"}
        )
        cls.team_north = cls.env["helpdesk.ticket.team"].create(
            {"name": "Mairie annexe des Coteaux"}
        )

    def _new_request(self, **values):
        return self._create_request(team_id=False, **values)


class TestDistrict(DistrictCommon):
    def test_district_from_street_ignores_case_and_accents(self):
        """The street, written without accents nor capitals, gives its district."""
        request = self._create_request(
            location_street="12 RUE DE L EGLISE", location_zip="37990"
        )
        self.assertEqual(request.location_district, "Centre-ville")

    def test_longest_street_wins(self):
        """“rue du Pont-Neuf” belongs to its own district, not to “rue du Pont”."""
        request = self._create_request(location_street="3 rue du Pont-Neuf")
        self.assertEqual(request.location_district, "Le Port")
        request = self._create_request(location_street="3 rue du Pont")
        self.assertEqual(request.location_district, "Centre-ville")

    def test_street_outside_postal_codes_does_not_match(self):
        """A street of the district in another postal code is not in it."""
        request = self._create_request(
            location_street="5 rue des Lilas", location_zip="37000"
        )
        self.assertFalse(request.location_district)

    def test_district_from_postal_code(self):
        """A district defined by its postal code alone takes any street in it."""
        request = self._create_request(
            location_street="8 chemin des Vignes", location_zip="37 999"
        )
        self.assertEqual(request.location_district, "Les Coteaux")

    def test_district_from_insee_code(self):
        """The INSEE code of the commune gives its district."""
        district = self.env["grc.district"]._grc_match(insee_code="37211")
        self.assertEqual(district.name, "Bourg de Sainte-Colombe")

    def test_district_given_is_kept(self):
        """A district typed by the agent is never replaced."""
        request = self._create_request(
            location_street="12 rue des Lilas",
            location_zip="37990",
            location_district="Quartier à part",
        )
        self.assertEqual(request.location_district, "Quartier à part")

    def test_other_company_district_ignored(self):
        """A district of another authority does not apply."""
        other = self.env["res.company"].create({"name": "Commune voisine"})
        self.coteaux.company_id = other
        request = self._create_request(location_zip="37999")
        self.assertFalse(request.location_district)

    def test_district_derived_before_routing(self):
        """A rule on the district routes a request whose district was derived."""
        rule = self.env["grc.routing.rule"].create(
            {
                "name": "Coteaux",
                "district_names": "Les Coteaux",
                "team_id": self.team_north.id,
            }
        )
        request = self._new_request(location_zip="37999")
        self.assertEqual(request.location_district, "Les Coteaux")
        self.assertEqual(request.routing_rule_id, rule)
        self.assertEqual(request.team_id, self.team_north)

    def test_intake_routes_by_derived_district(self):
        """A request filed through the intake, with no district given, is
        routed by a district rule: the district (from its street, or from its
        postal code alone) is derived before the core routing step runs."""
        rule = self.env["grc.routing.rule"].create(
            {
                "name": "Coteaux and Tilleuls",
                "district_names": "Les Coteaux, Les Tilleuls",
                "team_id": self.team_north.id,
            }
        )
        Ticket = self.env["helpdesk.ticket"]
        base = {
            "request_type_id": self.type_lamp.id,
            "description": "Le lampadaire ne s'allume plus.",
            "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
            "location_city": "Saint-Exemple",
            "citizen": {"name": "Paul Durand", "email": "paul.durand@example.fr"},
        }
        by_street = Ticket._grc_submit_request(
            dict(
                base,
                location_street="12 allée des Tilleuls",
                location_zip="37990",
                idempotency_key="district-street",
            )
        )
        by_zip = Ticket._grc_submit_request(
            dict(
                base,
                location_street="8 chemin des Vignes",
                location_zip="37999",
                idempotency_key="district-zip",
            )
        )
        elsewhere = Ticket._grc_submit_request(
            dict(
                base,
                location_street="3 rue du Pont",
                location_zip="37990",
                idempotency_key="district-other",
            )
        )
        self.assertEqual(by_street.location_district, "Les Tilleuls")
        self.assertEqual(by_zip.location_district, "Les Coteaux")
        self.assertEqual(elsewhere.location_district, "Centre-ville")
        for request in by_street | by_zip:
            self.assertEqual(request.routing_rule_id, rule)
            self.assertEqual(request.team_id, self.team_north)
        self.assertNotEqual(elsewhere.routing_rule_id, rule)
        self.assertEqual(elsewhere.team_id, self.team_voirie)

    def test_match_reads_no_database(self):
        """Once compiled, finding a district costs no query."""
        District = self.env["grc.district"]
        District._grc_match(zip_code="37999")
        with self.assertQueryCount(0):
            district = District._grc_match(street="1 allée des Tilleuls")
        self.assertEqual(district.name, "Les Tilleuls")

    def test_cache_invalidated_on_write_create_archive(self):
        """Changed, new and archived districts are seen by the next request."""
        District = self.env["grc.district"]
        self.assertEqual(District._grc_match(zip_code="37999").name, "Les Coteaux")
        self.coteaux.zip_codes = "37998"
        self.assertIsNone(District._grc_match(zip_code="37999"))
        self.assertEqual(District._grc_match(zip_code="37998").name, "Les Coteaux")
        District.create({"name": "Les Noues", "zip_codes": "37999"})
        self.assertEqual(District._grc_match(zip_code="37999").name, "Les Noues")
        self.coteaux.action_archive()
        self.assertIsNone(District._grc_match(zip_code="37998"))

    def test_district_without_criterion_refused(self):
        """A district with nothing to recognise it is refused, saying why."""
        with self.assertRaisesRegex(ValidationError, "nothing to recognise it"):
            self.env["grc.district"].create({"name": "Nulle part"})
        with self.assertRaisesRegex(ValidationError, "nothing to recognise it"):
            self.coteaux.zip_codes = " , "

    def test_bad_codes_refused(self):
        """Postal and INSEE codes that are not five characters are refused."""
        with self.assertRaisesRegex(ValidationError, "“3799” is not a postal code"):
            self.env["grc.district"].create({"name": "Faux", "zip_codes": "3799"})
        with self.assertRaisesRegex(ValidationError, "“ABCDE” is not a postal code"):
            self.coteaux.zip_codes = "37999, ABCDE"
        with self.assertRaisesRegex(ValidationError, "not an INSEE commune code"):
            self.env["grc.district"].create({"name": "Faux", "insee_codes": "2C004"})
        district = self.env["grc.district"].create(
            {"name": "Ajaccio", "insee_codes": "2A004"}
        )
        self.assertTrue(district)

    def test_agents_read_admins_write(self):
        """Agents read the districts; only administrators change them."""
        agent = new_test_user(
            self.env, login="district-agent", groups="grc_citoyen.group_grc_agent"
        )
        admin = new_test_user(
            self.env, login="district-admin", groups="grc_citoyen.group_grc_admin"
        )
        self.assertEqual(
            self.tilleuls.with_user(agent).read(["name"])[0]["name"], "Les Tilleuls"
        )
        with self.assertRaises(AccessError):
            self.tilleuls.with_user(agent).write({"name": "Autre"})
        self.tilleuls.with_user(admin).write({"code": "TIL2"})
        self.assertEqual(self.tilleuls.code, "TIL2")
