# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.grc_citoyen.tests.test_portal_accessibility import (
    PortalAccessibilityCommon,
)

from ..models.grc_accessibility_audit import compliance_status

# What axe-core's axe.run returns for a page (the parts the import reads).
AXE_RESULTS = [
    {
        "url": "http://mairie.example.fr/demarches",
        "testEngine": {"name": "axe-core", "version": "4.10.2"},
        "violations": [],
        "passes": [{"id": "document-title"}],
    },
    {
        "url": "http://mairie.example.fr/accessibilite?x=1",
        "testEngine": {"name": "axe-core", "version": "4.10.2"},
        "violations": [
            {
                "id": "color-contrast",
                "impact": "serious",
                "help": "Elements must meet minimum color contrast ratio thresholds",
                "nodes": [{"target": ["a.x"]}, {"target": ["a.y"]}],
            }
        ],
    },
]


@tagged("post_install", "-at_install")
class TestAccessibilityAudit(PortalAccessibilityCommon):
    """The statement is generated from the latest published audits: the
    rate computed from the RGAA criteria, the criteria not met, and what
    axe-core found on which pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Audit = cls.env["grc.accessibility.audit"]
        cls.env.company.write(
            {
                "grc_accessibility_status": "none",
                "grc_accessibility_rate": 0,
                "grc_accessibility_auditor": False,
            }
        )

    def _manual_audit(self):
        def result(criterion, page, status, description=False):
            return (
                0,
                0,
                {
                    "criterion": criterion,
                    "page": page,
                    "status": status,
                    "description": description,
                },
            )

        return self.Audit.create(
            {
                "name": "Audit RGAA 2026",
                "kind": "manual",
                "date": "2026-05-20",
                "auditor": "Access42",
                "result_ids": [
                    result("1.1", "/", "compliant"),
                    result("1.1", "/demarches", "compliant"),
                    # Met on one page, not on the other: not met.
                    result("3.2", "/", "compliant"),
                    result("3.2", "/demarches", "non_compliant", "Contraste des liens"),
                    result("8.5", "/", "not_applicable"),
                    result("11.1", "/suivi", "compliant"),
                ],
            }
        )

    def test_rate_and_status_from_the_criteria(self):
        audit = self._manual_audit()
        self.assertEqual(
            (
                audit.compliant_count,
                audit.non_compliant_count,
                audit.not_applicable_count,
            ),
            (2, 1, 1),
        )
        self.assertEqual(audit.rate, 66.7)
        self.assertEqual(audit.status, "partial")
        self.assertEqual(compliance_status(100.0), "full")
        self.assertEqual(compliance_status(49.9), "none")
        self.assertEqual(compliance_status(None), "none")

    def test_statement_generated_from_the_published_audits(self):
        audit = self._manual_audit()
        # Not published yet: the statement does not use it.
        page = self._get("/accessibilite")
        self.assertNotIn("66.7", page.text_content())
        audit.action_publish()
        self.assertEqual(self.env.company.grc_accessibility_status, "partial")
        self.assertEqual(self.env.company.grc_accessibility_rate, 66.7)
        automated = self.Audit.create({"name": "axe", "kind": "automated"})
        automated.axe_file = base64.b64encode(json.dumps(AXE_RESULTS).encode())
        automated.action_import_axe()
        self.assertEqual(automated.auditor, "axe-core 4.10.2")
        violation = automated.result_ids.filtered("rule")
        self.assertEqual(
            (violation.rule, violation.impact, violation.page, violation.node_count),
            ("color-contrast", "serious", "/accessibilite", 2),
        )
        automated.action_publish()

        page = self._get("/accessibilite")
        self.assertPageAccessible(page, "Accessibility statement")
        text = " ".join(page.find(".//main").text_content().split())
        self.assertIn("is partially compliant", text)
        self.assertIn("66.7 %", text)
        self.assertIn("2 criteria met, 1 not met, 1 not applicable", text)
        self.assertIn("Access42", text)
        self.assertIn(
            "RGAA criterion 3.2: Contraste des liens (/demarches)",
            " ".join(
                page.get_element_by_id("grc_a11y_failed_criteria")
                .text_content()
                .split()
            ),
        )
        violations = page.get_element_by_id("grc_a11y_violations").text_content()
        self.assertIn("minimum color contrast", violations)
        checked = [
            " ".join(item.text_content().split())
            for item in page.xpath("//main//li[code]")
            if not item.xpath("ancestor::ul[@id='grc_a11y_violations']")
        ]
        self.assertEqual(checked, ["/accessibilite", "/demarches"])
        footer = page.xpath("//footer//a[@href='/accessibilite']")[0]
        self.assertIn("partially compliant", footer.text_content())

    def test_bad_axe_file_is_refused(self):
        automated = self.Audit.create({"name": "axe", "kind": "automated"})
        for content in (b"not json", json.dumps({"url": "/"}).encode()):
            with self.subTest(content=content), self.assertRaises(UserError):
                automated.axe_file = base64.b64encode(content)
                automated.action_import_axe()
        self.assertFalse(automated.result_ids)
        with self.assertRaises(UserError):
            automated.action_publish()

    def test_agent_cannot_read_the_audits(self):
        audit = self._manual_audit()
        agent = new_test_user(
            self.env, login="a11y-agent", groups="grc_citoyen.group_grc_agent"
        )
        with self.assertRaises(AccessError):
            audit.with_user(agent).read(["rate"])
        with self.assertRaises(AccessError):
            self.Audit.with_user(agent).create({"name": "x"})
