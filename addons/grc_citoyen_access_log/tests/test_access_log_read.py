# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import PARTNER_FORM, TICKET_FORM, AccessLogCommon


class TestAccessLogRead(AccessLogCommon):
    """Opening a request or a citizen, or exporting them, is logged: who,
    which record, which fields, once per record and transaction."""

    def test_form_open_of_a_request_is_logged(self):
        """An agent opening a request leaves one entry naming the fields."""
        self.request.with_user(self.agent).web_read(TICKET_FORM)
        self.flush_log()
        entry = self.entries(model_name="helpdesk.ticket", res_id=self.request.id)
        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.operation, "read")
        self.assertEqual(entry.user_ref, self.agent.id)
        self.assertEqual(entry.citizen_ref, self.citizen.id)
        self.assertEqual(entry.team_ref, self.team_voirie.id)
        self.assertEqual(
            entry.field_names.split(","),
            ["description", "name", "partner_email", "partner_id", "team_id"],
        )
        self.assertTrue(entry.hash)

    def flush_queries(self):
        self.env.flush_all()
        queries = self.env.cr.sql_log_count
        self.env.cr.precommit.run()
        return self.env.cr.sql_log_count - queries

    def test_reads_of_one_transaction_make_one_entry(self):
        """Reading a request twice in a request makes one entry; the flush
        costs the same few queries for one record or many, one field or many."""
        request = self.request.with_user(self.agent)
        request.web_read({"name": {}})
        self.flush_queries()  # warm the caches
        request.web_read({"name": {}})
        one = self.flush_queries()
        request.web_read({"name": {}})
        request.web_read({"description": {}})
        request.read(["partner_email"])
        others = self._create_request(name="Nid de poule") | self._create_request()
        (request | others.with_user(self.agent)).web_read(TICKET_FORM)
        self.assertEqual(self.flush_queries(), one)
        # The head locked (with the readers' services), then one INSERT that
        # moves the head.
        self.assertEqual(one, 2)
        entries = self.entries(model_name="helpdesk.ticket", res_id=self.request.id)
        self.assertEqual(len(entries), 3)
        self.assertEqual(
            entries[-1].field_names,
            "description,name,partner_email,partner_id,team_id",
        )

    def test_confidential_request_read_by_its_service_is_logged(self):
        """The CCAS agent's reading of a confidential request is logged."""
        self.request_ccas.with_user(self.agent_ccas).web_read(TICKET_FORM)
        self.flush_log()
        entry = self.entries(res_id=self.request_ccas.id, model_name="helpdesk.ticket")
        self.assertEqual(entry.team_ref, self.team_ccas.id)
        self.assertEqual(entry.user_ref, self.agent_ccas.id)

    def test_citizen_form_open_is_logged_not_other_contacts(self):
        """Opening a citizen is logged; a supplier's contact is not."""
        supplier = self.env["res.partner"].create({"name": "Fournisseur SA"})
        self.citizen.with_user(self.agent).web_read(PARTNER_FORM)
        supplier.with_user(self.agent).web_read(PARTNER_FORM)
        self.flush_log()
        entries = self.entries(model_name="res.partner")
        self.assertEqual(entries.mapped("res_id"), [self.citizen.id])
        self.assertEqual(entries.citizen_ref, self.citizen.id)
        self.assertEqual(entries.field_names, "email,name,phone,street")

    def test_lists_display_names_and_system_reads_are_not_logged(self):
        """A list, a name shown in another form, a read by the system or by
        the citizen on the portal are not consultations by an agent."""
        Ticket = self.env["helpdesk.ticket"].with_user(self.agent)
        Ticket.web_search_read([("id", "=", self.request.id)], TICKET_FORM)
        self.citizen.with_user(self.agent).web_read({"display_name": {}})
        self.request.sudo().read(["name"])
        self.request.web_read(TICKET_FORM)  # the superuser
        self.flush_log()
        self.assertFalse(self.entries())

    def test_export_is_logged_per_record(self):
        """An export leaves one entry per request exported, fields named."""
        other = self._create_request(name="Nid de poule")
        requests = (self.request | other).with_user(self.agent)
        requests.export_data(["name", "partner_id/name", "partner_email"])
        self.flush_log()
        entries = self.entries(operation="export")
        self.assertEqual(sorted(entries.mapped("res_id")), sorted(requests.ids))
        self.assertEqual(
            set(entries.mapped("field_names")), {"name,partner_email,partner_id"}
        )
