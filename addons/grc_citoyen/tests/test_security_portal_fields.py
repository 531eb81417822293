# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common import GrcCommon

# What a citizen may read of their own request with their session (RPC,
# /web/dataset/call_kw), field by field. Anything else is the services'
# business and carries ``groups`` (models/helpdesk_ticket_internal.py). A new
# field lands in neither list and fails the test: decide which.
# Fields of the portal and chatter mixins a citizen reads on any record of
# theirs (messages are filtered by mail's own rules).
PORTAL_MIXIN_FIELDS = {
    "access_token",
    "access_url",
    "access_warning",
    "has_message",
    "message_ids",
    "website_message_ids",
    "message_is_follower",
    "message_needaction",
    "message_needaction_counter",
    "message_has_error",
    "message_has_error_counter",
    "message_has_sms_error",
    "activity_exception_decoration",
    "activity_exception_icon",
    "activity_type_icon",
}

PORTAL_READABLE_REQUEST_FIELDS = PORTAL_MIXIN_FIELDS | {
    # Identity and status of the request, as the portal pages show them.
    "id",
    "display_name",
    "number",
    "name",
    "description",
    "active",
    "stage_id",
    "grc_state",
    "closed",
    "unattended",
    "last_stage_update",
    "request_type_id",
    "category_id",
    "channel_id",
    "tag_ids",
    "priority",
    "sequence",
    "team_id",
    "user_id",
    "company_id",
    "is_confidential",
    "is_electronic_submission",
    "waiting_reason",
    "grc_resolution",
    # helpdesk_mgmt's own: the form view's modifiers use them; ids only.
    "user_ids",
    "duplicate_id",
    "duplicate_ids",
    "duplicate_count",
    "duplicate_tracking_enabled",
    # The citizen.
    "partner_id",
    "commercial_partner_id",
    "partner_name",
    "partner_email",
    "partner_phone",
    "email_cc",
    # Dates and deadlines owed to the citizen.
    "received_date",
    "assigned_date",
    "first_response_date",
    "resolution_date",
    "closure_date",
    "closed_date",
    "create_date",
    "create_uid",
    "write_date",
    "write_uid",
    "ack_receipt_date",
    "ack_receipt_deadline",
    "ack_registration_date",
    "ack_registration_deadline",
    "implicit_decision",
    "implicit_decision_date",
    "implicit_decision_days_left",
    "implicit_decision_warning",
    "sla_basis",
    "grc_sla_deadline",
    "sla_first_response_deadline",
    "sla_status",
    # Where.
    "location_street",
    "location_zip",
    "location_city",
    "location_district",
    "location_latitude",
    "location_longitude",
    # Their files and links.
    "attachment_ids",
    "grc_citizen_attachment_ids",
    "grc_citizen_url",
    "duration_tracking",
}


class PortalFieldsCommon(GrcCommon):
    """Which fields a citizen's session may read on a model, compared with an
    explicit list: only fields of the addons of this one's dependency chain,
    so that an addon installed later keeps its own list."""

    _addon = "grc_citoyen"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login=f"portal-fields-{cls._addon}",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
        )
        module = cls.env["ir.module.module"].search([("name", "=", cls._addon)])
        cls.addons = set(module.upstream_dependencies().mapped("name")) | {cls._addon}

    def _portal_readable(self, model):
        Model = self.env[model].with_user(self.portal_user)
        return {
            name
            for name in Model.fields_get(attributes=["type"])
            if self.env[model]._fields[name]._module in self.addons | {None, ""}
        }


class TestPortalRequestFields(PortalFieldsCommon):
    def test_portal_readable_fields_are_listed(self):
        readable = self._portal_readable("helpdesk.ticket")
        self.assertFalse(
            readable - PORTAL_READABLE_REQUEST_FIELDS,
            "A citizen can read fields of their request that are not in "
            "PORTAL_READABLE_REQUEST_FIELDS: list them or give them groups.",
        )

    def test_citizen_cannot_read_internal_notes(self):
        """Internal notes were readable by the citizen over RPC."""
        request = self._create_request(notes="<p>Citoyen procédurier.</p>")
        as_citizen = request.with_user(self.portal_user)
        self.assertEqual(as_citizen.read(["name"])[0]["name"], request.name)
        for internal in ("notes", "routing_trace", "support_note"):
            with self.subTest(field=internal), self.assertRaises(AccessError):
                as_citizen.read([internal])
