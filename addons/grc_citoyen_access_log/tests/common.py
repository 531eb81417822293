# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon

# What the form of a request reads (a part of it).
TICKET_FORM = {
    "name": {},
    "description": {},
    "partner_id": {"fields": {"display_name": {}}},
    "partner_email": {},
    "team_id": {"fields": {"display_name": {}}},
}
PARTNER_FORM = {"name": {}, "email": {}, "phone": {}, "street": {}}


class AccessLogCommon(GrcCommon):
    """Agents of Voirie and of the CCAS (confidential), a service manager,
    an auditor, a citizen's ordinary and confidential requests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Entries logged before the tests (a database in use holds some).
        cls.env.cr.execute("SELECT last_sequence FROM grc_access_log_head")
        cls.start_sequence = cls.env.cr.fetchone()[0]

        def user(login, groups, teams=None, **kw):
            new_user = new_test_user(cls.env, login=login, groups=groups, **kw)
            if teams:
                teams.write({"user_ids": [(4, new_user.id)]})
            return new_user

        cls.agent = user(
            "log-agent",
            "grc_citoyen.group_grc_agent,base.group_allow_export",
            cls.team_voirie,
            name="Paul Agent",
        )
        cls.agent_ccas = user(
            "log-agent-ccas", "grc_citoyen.group_grc_agent", cls.team_ccas
        )
        cls.manager = user(
            "log-manager", "grc_citoyen.group_grc_manager", cls.team_voirie
        )
        cls.auditor = user(
            "log-auditor", "grc_citoyen_access_log.group_access_log_auditor"
        )
        cls.request = cls._create_request()
        cls.request_ccas = cls._create_request(
            name="Aide alimentaire", team_id=cls.team_ccas.id
        )
        cls.log = cls.env["grc.access.log"]

    def flush_log(self):
        """End of the transaction: the pre-commit hooks write the log."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def entries(self, **criteria):
        domain = [(key, "=", value) for key, value in criteria.items()]
        domain.append(("sequence", ">", self.start_sequence))
        return self.log.search(domain, order="sequence")
