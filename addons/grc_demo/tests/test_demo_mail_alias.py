# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase
from odoo.tools import convert_file

MAIL = """Return-Path: <paul.durand@example.fr>
To: voirie@saint-exemple.fr
Message-ID: <demo-alias-1@example.fr>
Date: Tue, 03 Mar 2026 10:12:00 +0100
From: Paul Durand <paul.durand@example.fr>
MIME-Version: 1.0
Subject: Nid-de-poule rue des Lilas
Content-Type: text/plain; charset=utf-8

Bonjour, un nid-de-poule s'est formé devant le 12 rue des Lilas.
"""


class TestDemoMailAlias(TransactionCase):
    def test_mail_to_service_alias_files_request(self):
        """The demo's mail domain: mail to voirie@saint-exemple.fr files a
        request with the Voirie service."""
        # The demo's own file, loaded here too when the database has no demo.
        convert_file(
            self.env,
            "grc_demo",
            "demo/mail_alias_domain_demo.xml",
            {},
            mode="init",
            noupdate=True,
            kind="demo",
        )
        domain = self.env.ref("grc_demo.mail_alias_domain_saint_exemple_demo")
        self.assertEqual(self.env.company.alias_domain_id, domain)
        voirie = self.env.ref(
            "grc_demo.helpdesk_ticket_team_voirie_demo", raise_if_not_found=False
        ) or self.env["helpdesk.ticket.team"].create(
            {"name": "Voirie", "alias_name": "voirie"}
        )
        self.assertEqual(voirie.alias_id.alias_full_name, "voirie@saint-exemple.fr")
        ticket_id = self.env["mail.thread"].message_process(None, MAIL)
        ticket = self.env["helpdesk.ticket"].browse(ticket_id)
        self.assertEqual(ticket.team_id, voirie)
        self.assertEqual(ticket.partner_id.email, "paul.durand@example.fr")
