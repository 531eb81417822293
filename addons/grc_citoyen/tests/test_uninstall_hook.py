# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.modules.module import get_manifest
from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open
from odoo.tools.safe_eval import safe_eval

from ..hooks import UPSTREAM_RULE_DOMAINS, UPSTREAM_VIEWS_OFF, uninstall_hook


@tagged("post_install", "-at_install")
class TestUninstallHook(TransactionCase):
    """Uninstalling grc_citoyen gives helpdesk_mgmt its record rules and
    views back."""

    @staticmethod
    def _upstream_domains():
        """The domains of ir.rule records as helpdesk_mgmt's data files
        define them, by XML id."""
        domains = {}
        for path in get_manifest("helpdesk_mgmt")["data"]:
            if not path.endswith(".xml"):
                continue
            with file_open(f"helpdesk_mgmt/{path}", "rb") as xml_file:
                tree = etree.parse(xml_file)
            for record in tree.iterfind(".//record[@model='ir.rule']"):
                field = record.find("field[@name='domain_force']")
                if field is not None:
                    xmlid = record.get("id")
                    if "." not in xmlid:
                        xmlid = f"helpdesk_mgmt.{xmlid}"
                    domains[xmlid] = field.text
        return domains

    def test_restored_domains_are_helpdesk_mgmt_ones(self):
        upstream = self._upstream_domains()
        for xmlid, domain in UPSTREAM_RULE_DOMAINS.items():
            with self.subTest(xmlid=xmlid):
                self.assertEqual(domain, upstream[xmlid])

    def test_rules_changed_by_grc_are_all_restored(self):
        """Every helpdesk_mgmt rule whose domain differs from its definition
        (rewritten by GRC) is one the hook puts back."""
        changed = {
            xmlid
            for xmlid, domain in self._upstream_domains().items()
            if self.env.ref(xmlid).domain_force != domain
        }
        self.assertTrue(changed)
        self.assertLessEqual(changed, set(UPSTREAM_RULE_DOMAINS))

    def test_hook_restores_the_rules(self):
        uninstall_hook(self.env)
        for xmlid, domain in UPSTREAM_RULE_DOMAINS.items():
            rule = self.env.ref(xmlid)
            self.assertEqual(rule.domain_force, domain)
            self.assertNotIn("is_confidential", rule.domain_force)
            # Still a domain the ORM can read.
            self.assertIsInstance(
                safe_eval(rule.domain_force, {"user": self.env.user}), list
            )

    def test_views_switched_off_are_all_restored(self):
        """Every helpdesk_mgmt view grc_citoyen switches off is one the hook
        switches on again."""
        off = self.env["ir.ui.view"].search(
            [("active", "=", False), ("model_data_id.module", "=", "helpdesk_mgmt")]
        )
        self.assertTrue(off)
        self.assertLessEqual(
            set(off.get_external_id().values()), set(UPSTREAM_VIEWS_OFF)
        )
        uninstall_hook(self.env)
        for xmlid in UPSTREAM_VIEWS_OFF:
            self.assertTrue(self.env.ref(xmlid).active)
