# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import uuid

from odoo import http
from odoo.tests import new_test_user

from odoo.addons.base.tests.common import BaseCommon

# Hostile values every route and API operation must answer without a server
# error: huge and negative ids, text where an id is expected, NUL and control
# characters, a 10 kB string, a right-to-left override.
HOSTILE_VALUES = [
    "99999999999",
    "-1",
    "abc",
    "\x00",
    "x\x01\x1b\x7f",
    "A" * 10000,
    "\u202egnp.exe",
]
# What a hostile value makes Odoo log on its way to a 4xx.
HOSTILE_MUTED = (
    "odoo.addons.mail",
    "odoo.addons.base.models.ir_qweb",
    "py.warnings",
    "odoo.http",
    "odoo.addons.base.models.ir_http",
    "odoo.addons.http_routing.models.ir_http",
    "odoo.addons.website",
    "odoo.addons.web",
    "odoo.addons.portal",
    "odoo.addons.auth_signup",
    "odoo.addons.grc_citoyen",
)


class GrcCommon(BaseCommon):
    """Services, a request type and a citizen built for each test class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.direction = cls.env["helpdesk.ticket.team"].create(
            {"name": "Direction de l'espace public", "is_direction": True}
        )
        cls.team_voirie = cls.env["helpdesk.ticket.team"].create(
            {"name": "Voirie", "code": "VOI", "parent_id": cls.direction.id}
        )
        cls.team_ccas = cls.env["helpdesk.ticket.team"].create(
            {"name": "CCAS", "code": "CCAS", "is_confidential": True}
        )
        cls.type_lamp = cls.env["grc.request.type"].create(
            {
                "name": "Éclairage public en panne",
                "code": "ECL",
                "team_id": cls.team_voirie.id,
                "sla_target": 5,
                "sla_unit": "days",
            }
        )
        cls.citizen = cls.env["res.partner"].create(
            {
                "name": "Hélène Núñez",
                "is_citizen": True,
                "email": "helene.nunez@example.fr",
            }
        )

    @classmethod
    def _create_portal_users(cls, suffix):
        """Portal accounts of Hélène (the citizen) and of Marc, another
        citizen; ``suffix`` keeps the logins of each test class apart."""
        helene = new_test_user(
            cls.env,
            login=f"helene-{suffix}",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            name="Hélène Núñez",
            email="helene.nunez@example.fr",
        )
        marc = new_test_user(
            cls.env,
            login=f"marc-{suffix}",
            groups="base.group_portal",
            name="Marc Lefebvre",
            email="marc.lefebvre@example.fr",
        )
        return helene, marc

    @classmethod
    def _create_request(cls, **values):
        vals = {
            "name": "Lampadaire éteint rue des Lilas",
            "description": "<p>Le lampadaire devant le n°12 ne s'allume plus.</p>",
            "partner_id": cls.citizen.id,
            "request_type_id": cls.type_lamp.id,
            "team_id": cls.team_voirie.id,
        }
        vals.update(values)
        return cls.env["helpdesk.ticket"].create(vals)

    @classmethod
    def _resolve(cls, request, resolution="<p>Traité.</p>"):
        """Take a new request along the life cycle to Resolved."""
        request.stage_id = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        request.write(
            {
                "stage_id": cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done").id,
                "grc_resolution": resolution,
            }
        )
        return request


class GrcAccountsCommon(GrcCommon):
    """Two citizens with portal accounts, a published request type."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.write({"is_published": True, "location_required": False})
        cls.type_hidden = cls.env["grc.request.type"].create(
            {
                "name": "Type interne",
                "team_id": cls.team_voirie.id,
                "is_published": False,
            }
        )
        cls.user_a = new_test_user(
            cls.env,
            login="citizen_a",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            name=cls.citizen.name,
            email=cls.citizen.email,
        )
        cls.citizen_b = cls.env["res.partner"].create(
            {"name": "Bruno Bernard", "is_citizen": True, "email": "bruno@example.fr"}
        )
        cls.user_b = new_test_user(
            cls.env,
            login="citizen_b",
            groups="base.group_portal",
            partner_id=cls.citizen_b.id,
            name=cls.citizen_b.name,
            email=cls.citizen_b.email,
        )


class CitizenRpcCommon(GrcCommon):
    """Two citizens with online accounts, Hélène and Marc, calling the ORM
    over RPC as the portal lets them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_helene = new_test_user(
            cls.env,
            login="rpc_helene",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            email="helene.nunez@example.fr",
        )
        cls.user_marc = new_test_user(
            cls.env,
            login="rpc_marc",
            groups="base.group_portal",
            name="Marc Lefebvre",
            email="marc.lefebvre@example.fr",
        )
        cls.user_marc.partner_id.is_citizen = True

    def _as(self, user, records):
        return records.with_user(user)


class PortalFormMixin:
    """For HttpCase classes: send the online form of a request type."""

    def _post_form(self, request_type=None, files=None, **values):
        request_type = request_type or self.type_lamp
        data = {
            "csrf_token": http.Request.csrf_token(self),
            "idempotency_key": str(uuid.uuid4()),
            "description": "Le lampadaire du 12 rue des Lilas est éteint.",
            "location_street": "12 rue des Lilas",
            "location_zip": "69003",
            "location_city": "Lyon",
            "preferred_channel": "email",
        }
        data.update(values)
        return self.url_open(
            f"/demarches/{request_type.id}/nouvelle", data=data, files=files
        )
