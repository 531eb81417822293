# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Routes of Odoo's own addons, narrowed for citizens and anonymous visitors.

Each override keeps the route for the town hall's staff and gives everybody
else what a route that does not exist gives.
"""

import json

from odoo import http
from odoo.http import request

from odoo.addons.grc_citoyen.controllers.throttle import (
    grc_throttle_message,
    grc_throttled,
)
from odoo.addons.html_editor.controllers.main import HTML_Editor
from odoo.addons.mail.controllers.link_preview import LinkPreviewController
from odoo.addons.web.controllers.session import Session
from odoo.addons.website.controllers.form import WebsiteForm
from odoo.addons.website.controllers.main import Website
from odoo.addons.website_mail.controllers.main import WebsiteMail


class GrcWebsiteInfo(Website):
    @http.route(
        "/website/info",
        type="http",
        auth="public",
        website=True,
        sitemap=False,
        readonly=True,
    )
    def website_info(self, **kwargs):
        """Installed applications and server version: a map for an attacker,
        of no use to citizens."""
        if not request.env.user._is_internal():
            raise request.not_found()
        return super().website_info(**kwargs)


class GrcSession(Session):
    @http.route("/web/session/modules", type="json", auth="user", readonly=True)
    def modules(self):
        """Every installed module: the web client of staff only asks for it."""
        if not request.env.user._is_internal():
            raise request.not_found()
        return super().modules()


class GrcHtmlEditorLinkPreview(HTML_Editor):
    @http.route(
        "/html_editor/link_preview_external",
        type="json",
        auth="public",
        methods=["POST"],
    )
    def link_preview_metadata(self, preview_url):
        """The server fetches any URL given to this route (server-side
        request forgery towards the town hall's network): staff editors only."""
        if not request.env.user._is_internal():
            raise request.not_found()
        return super().link_preview_metadata(preview_url)


class GrcMailLinkPreview(LinkPreviewController):
    @http.route("/mail/link_preview", methods=["POST"], type="json", auth="public")
    def mail_link_preview(self, message_id):
        """Fetches the URLs of a message from the server: a citizen would make
        it fetch what they wrote in their request. Previews are for staff."""
        if not request.env.user._is_internal():
            raise request.not_found()
        return super().mail_link_preview(message_id)


class GrcWebsiteMailFollow(WebsiteMail):
    @http.route(["/website_mail/follow"], type="json", auth="public", website=True)
    def website_message_subscribe(
        self, id=0, object=None, message_is_follower="on", email=False, **post
    ):
        """An anonymous visitor would subscribe any address (creating a
        contact for it) to any readable record, such as a démarche. Citizens
        follow their own requests from their account."""
        if request.env.user._is_public():
            raise request.not_found()
        return super().website_message_subscribe(
            id=id,
            object=object,
            message_is_follower=message_is_follower,
            email=email,
            **post,
        )


class GrcWebsiteForm(WebsiteForm):
    def _handle_website_form(self, model_name, **kwargs):
        """The contact form signs its recipient (email_to) and whether copies
        are allowed, but a post without email_to skips the check: anybody
        could have the town hall mail any address in copy."""
        if (
            model_name == "mail.mail"
            and not kwargs.get("email_to")
            and (kwargs.get("email_cc") or kwargs.get("email_bcc"))
        ):
            return json.dumps({"error": request.env._("This form cannot send copies.")})
        if model_name == "mail.mail" and not kwargs.get("website_form_signature"):
            # Odoo reads the signature without checking that it was sent.
            return json.dumps({"error": request.env._("This form cannot be sent.")})
        if (
            model_name == "mail.mail"
            and not request.env.user._is_internal()
            and grc_throttled(kwargs.get("email_from"))
        ):
            # Each post mails the town hall: limited per visitor and sender.
            return request.make_json_response(
                {"error": grc_throttle_message()}, status=429
            )
        return super()._handle_website_form(model_name, **kwargs)
