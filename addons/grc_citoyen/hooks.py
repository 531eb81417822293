# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

# helpdesk_mgmt's record rules that security/grc_citoyen_security.xml rewrites
# (confidential requests), with helpdesk_mgmt's own domains: the rewritten
# domains read a field that leaves with grc_citoyen, and helpdesk_mgmt loads
# its rules with noupdate, so nothing else would put them back.
UPSTREAM_RULE_DOMAINS = {
    "helpdesk_mgmt.helpdesk_ticket_user_rule": "[(1,'=',1)]",
    "helpdesk_mgmt.helpdesk_ticket_team_rule": (
        "['|',('team_id','in',user.helpdesk_team_ids.ids),('team_id','=',False)]"
    ),
}


# helpdesk_mgmt's views grc_citoyen switches off (views/*.xml): its portal
# entry would list the citizen's requests a second time.
UPSTREAM_VIEWS_OFF = ("helpdesk_mgmt.portal_my_home",)


def uninstall_hook(env):
    """Give helpdesk_mgmt its record rules and views back as it defines them."""
    for xmlid, domain in UPSTREAM_RULE_DOMAINS.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.domain_force = domain
    for xmlid in UPSTREAM_VIEWS_OFF:
        view = env.ref(xmlid, raise_if_not_found=False)
        if view:
            view.active = True
