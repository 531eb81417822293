# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import PARTNER_FORM, TICKET_FORM, AccessLogCommon


@tagged("post_install", "-at_install")
class TestAccessLogPortal(HttpCase, AccessLogCommon):
    """ "Who consulted my file": the services and the days, never who."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_helene, cls.user_marc = cls._create_portal_users("access-log")
        cls.request.with_user(cls.agent).web_read(TICKET_FORM)
        cls.citizen.with_user(cls.agent_ccas).web_read(PARTNER_FORM)
        cls.env.cr.precommit.run()

    def test_citizen_sees_services_and_dates_only(self):
        """Hélène sees Voirie and the CCAS, a date, no agent's name or login."""
        self.authenticate(self.user_helene.login, self.user_helene.login)
        response = self.url_open("/my/access-log")
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn("Voirie", page)
        self.assertIn("CCAS", page)
        self.assertIn('id="grc_access_log_table"', page)
        for secret in (self.agent.name, self.agent.login, self.agent_ccas.login):
            self.assertNotIn(secret, page)
        rows = page.split("<tbody>")[1].split("</tbody>")[0].count("<tr")
        self.assertEqual(rows, 2)  # one day, two services

    def test_other_citizen_sees_nothing_of_it(self):
        """Marc sees no consultation: the entries are Hélène's."""
        self.authenticate(self.user_marc.login, self.user_marc.login)
        page = self.url_open("/my/access-log").text
        self.assertNotIn("Voirie", page)
        self.assertNotIn('id="grc_access_log_table"', page)

    def test_home_links_to_the_page(self):
        """The citizen's home lists "Who consulted my file"."""
        self.authenticate(self.user_helene.login, self.user_helene.login)
        self.assertIn("/my/access-log", self.url_open("/my").text)

    def test_agents_are_sent_to_their_home(self):
        """The page is a citizen's; an agent is redirected."""
        self.authenticate(self.agent.login, self.agent.login)
        response = self.url_open("/my/access-log", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
