# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .axe_common import AxeCase
from .common import GrcCommon


@tagged("post_install", "-at_install")
class TestPortalAxe(AxeCase, GrcCommon):
    """axe-core finds no critical or serious violation on the pages a visitor
    or a citizen reaches, the product's and Odoo's own, in their normal and
    error states."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_lamp.write({"is_published": True, "attachments_allowed": True})
        cls.user_helene = new_test_user(
            cls.env,
            login="helene-axe",
            groups="base.group_portal",
            partner_id=cls.citizen.id,
            email="helene.nunez@example.fr",
        )
        cls.request = cls._create_request()

    def test_visitor_pages(self):
        """Home, catalogue, démarche, form, follow-up, sign-in, password
        reset, page not found, method not allowed; the form, the follow-up
        and the sign-in sent back with errors."""
        slug = self.env["ir.http"]._slug(self.type_lamp)
        form = f"/demarches/{self.type_lamp.id}/nouvelle"
        self.assertAxeClean(
            [
                "/",
                "/demarches",
                "/demarches?search=zzzz",
                f"/demarches/{slug}",
                form,
                {
                    "path": form,
                    "label": "form with errors",
                    "submit": {
                        "form": "form[action$='/nouvelle']",
                        "fields": {"description": "", "citizen_email": "x"},
                    },
                    "focus": "#grc_error_summary",
                },
                "/suivi",
                {
                    "path": "/suivi",
                    "label": "follow-up not found",
                    "submit": {
                        "form": "form[action$='/suivi']",
                        "fields": {
                            "reference": "DEM-1999-000001",
                            "email": "x@example.fr",
                        },
                    },
                    "focus": "#grc_tracking_error",
                },
                "/web/login",
                {
                    "path": "/web/login",
                    "label": "sign-in refused",
                    "submit": {
                        "form": "form.oe_login_form",
                        "fields": {"login": "nobody-axe", "password": "wrong"},
                    },
                },
                "/web/reset_password",
                "/no-such-page-axe",
                {
                    # A form's address opened as a link: Odoo's 405 page.
                    "path": f"/my/requests/{self.request.id}/message",
                    "label": "method not allowed",
                },
            ]
        )

    def test_citizen_pages(self):
        """A citizen's portal, account (and its errors), requests, a request
        and a message refused."""
        self.assertAxeClean(
            [
                "/my",
                "/my/account",
                {
                    "path": "/my/account",
                    "label": "account with errors",
                    "submit": {
                        "form": "form[action$='/my/account']",
                        "fields": {"name": "", "email": "not-an-address"},
                    },
                },
                "/my/requests",
                f"/my/requests/{self.request.id}",
                {
                    "path": f"/my/requests/{self.request.id}",
                    "label": "message refused",
                    "submit": {
                        "form": "form[action$='/message']",
                        "fields": {"body": ""},
                    },
                    "focus": "#grc_message_body",
                },
                {
                    "path": f"/my/requests/{self.request.id}",
                    "label": "message sent",
                    "submit": {
                        "form": "form[action$='/message']",
                        "fields": {"body": "Le lampadaire clignote aussi."},
                    },
                    "focus": "#grc_message_sent",
                },
                {
                    "path": f"/demarches/{self.type_lamp.id}/nouvelle",
                    "label": "request sent",
                    "submit": {
                        "form": "form[action$='/nouvelle']",
                        "fields": {
                            "description": "Le lampadaire du 3 est éteint.",
                        },
                    },
                    "focus": "#grc_request_submitted",
                },
            ],
            login="helene-axe",
        )
