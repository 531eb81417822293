# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every route a visitor or a citizen can call has a verdict.

The routes come from the installed addons (Odoo's own, OCA's and ours), as
the server builds them. A new route whose URL no pattern below covers fails
the test: whoever adds an addon or a controller says what the route gives to
citizens and visitors, and narrows it in controllers/security.py if needed.

Verdicts:
- citizen: part of the citizen's journey (ours or Odoo's portal);
- harmless: checks record rules, a token or a group itself, serves static
  or published content, or answers the same to everybody;
- staff: ``auth="user"`` backend route; a portal account reaches it but the
  ORM rights give it its own records at most (tests/test_security_rpc.py);
- closed: refused by the server configuration (list_db = False);
- narrowed: was too open, overridden by a GRC addon (checked below).

Apps of OCA ``fastapi`` endpoints (the mobile app API) are not in this map:
fastapi's dispatcher serves them under their root path, with their own
authentication, and their own tests walk them.
"""

import fnmatch

import odoo
from odoo import http
from odoo.tests import TransactionCase, tagged

ROUTE_VERDICTS = [
    # --- narrowed by GRC controllers -----------------------------------
    ("/website/info", "narrowed", "installed apps and version: staff only"),
    ("/web/session/modules", "narrowed", "installed modules: staff only"),
    ("/html_editor/link_preview_external", "narrowed", "fetched any URL: SSRF"),
    ("/mail/link_preview", "narrowed", "fetched a citizen's links: SSRF"),
    ("/website_mail/follow", "narrowed", "visitors subscribed any address"),
    ("/website_mail/is_follower", "harmless", "own follower status only"),
    ("/ticket/close", "narrowed", "helpdesk_mgmt closed any ticket (sudo)"),
    ("/new/ticket", "narrowed", "helpdesk form without intake checks"),
    ("/submitted/ticket", "narrowed", "helpdesk form without intake checks"),
    ("/my/ticket*", "narrowed", "helpdesk pages lead to /my/requests"),
    # --- GRC citizen journey ---------------------------------------------
    ("/demarches/adresses/*", "harmless", "address base lookups: bounded, cached"),
    ("/demarches*", "citizen", "catalogue, form, e-mail confirmation, join"),
    ("/my/requests*", "citizen", "own requests or access token"),
    ("/my/drafts*", "citizen", "own saved démarches (record rules)"),
    ("/my/history", "citizen", "own timeline lines, no internal note"),
    ("/suivi", "citizen", "reference + e-mail, throttled"),
    ("/my/privacy*", "citizen", "own data, erasure request"),
    # Mobile app tokens, when the mobile app API is installed.
    ("/my/security/mobile-app*", "citizen", "own app tokens, password asked"),
    ("/my/reclamation*", "citizen", "own complaints or access token"),
    # The citizen's app (grc_citoyen_app) and its sign-in (grc_citoyen_api).
    ("/my/notifications*", "citizen", "own phones and push consent only"),
    ("/grc-app/push/*", "citizen", "own phone's push subscription"),
    ("/oauth/authorize", "citizen", "registered redirect only, PKCE, consent"),
    ("/oauth/token", "harmless", "single-use code + PKCE verifier, or refresh"),
    ("/oauth/revoke", "harmless", "revokes the sign-in of the token given"),
    ("/statistiques", "citizen", "aggregated open data"),
    (
        "/statistiques/*",
        "harmless",
        "open data downloads: monthly aggregates, small cells suppressed",
    ),
    # Appointments (grc_citoyen_appointment): the times a service is free,
    # never whose; booked for the signed-in citizen only.
    ("/rendez-vous/*", "citizen", "free times of a service; books for oneself"),
    ("/my/appointments*", "citizen", "own appointments (rules, partner checked)"),
    ("/rappel/*", "citizen", "call-back periods of a service; asks for oneself"),
    ("/my/callbacks/*", "citizen", "own call-back requests (rules, partner checked)"),
    ("/my/access-log", "citizen", "own file's consultations: services and dates only"),
    ("/accessibilite", "citizen", "accessibility statement, no personal data"),
    ("/carte", "citizen", "public map of reports: no personal data"),
    ("/carte/*", "harmless", "open public reports in a bounded box; approved photos"),
    ("/application", "citizen", "how to install the app"),
    ("/grc-app-sw.js", "harmless", "the app's service worker: static script"),
    ("/grc-app/manifest.webmanifest", "harmless", "app manifest: public settings"),
    ("/grc-app/icon-*", "harmless", "app icons drawn from the public logo"),
    ("/grc-app/offline", "harmless", "static page"),
    ("/grc-app/session", "citizen", "own CSRF token and sign-in state, no-store"),
    ("/grc-app/address/*", "harmless", "address base lookups: bounded, cached"),
    ("/mentions-legales", "citizen", "legal notice, the authority's details only"),
    ("/donnees-personnelles", "harmless", "notice from the register, names no one"),
    ("/grc/privacy/register/*", "staff", "register: GRC administrators and the DPO"),
    ("/grc/privacy/consents/*", "staff", "proof of consents: GRC administrators"),
    # --- Odoo portal, website and accounts -------------------------------
    ("/my", "citizen", "portal home"),
    ("/my/home", "citizen", "portal home"),
    ("/my/counters", "citizen", "own counters"),
    ("/my/account", "citizen", "details form; new e-mail by link only"),
    ("/my/account/email/*", "citizen", "e-mail change: signed, expiring link"),
    ("/my/security", "citizen", "password, 2FA; API keys off for portal"),
    ("/my/deactivate_account", "citizen", "own account, password asked"),
    ("/web/login*", "citizen", "login, TOTP; cooldown after failures"),
    # Sign-in with an identity provider (auth_oauth), when installed:
    # grc_citoyen_identity checks state, nonce, PKCE, signatures for
    # FranceConnect and ProConnect; the others are auth_oauth's own checks.
    ("/auth_oauth/signin", "citizen", "provider callback; tokens checked"),
    ("/auth_oauth/oea", "harmless", "odoo.com provider: token checked there"),
    ("/grc_identity/authorize/*", "citizen", "to an enabled provider; per login"),
    ("/web/session/logout", "citizen", "logout"),
    ("/web/signup", "citizen", "invitation only; portal users only (narrowed)"),
    ("/web/reset_password", "citizen", "same answer for all (narrowed)"),
    ("/", "citizen", "home page"),
    ("/website/form*", "harmless", "website_form_access models; no cc relay"),
    ("/portal/*", "harmless", "chatter and attachments: token/hash checked"),
    ("/mail/chatter_fetch", "harmless", "token/hash checked"),
    ("/mail/avatar/*", "harmless", "token/hash checked, else placeholder"),
    ("/mail/update_is_internal", "staff", "internal users only"),
    ("/mail/unfollow", "harmless", "signed link"),
    # --- Odoo web: files, images, RPC --------------------------------------
    ("/web/image*", "harmless", "record rules; placeholder otherwise"),
    ("/web/content*", "harmless", "record rules or access token"),
    ("/website/image*", "harmless", "same checks as /web/image"),
    ("/web/assets/*", "harmless", "static bundles"),
    ("/web/bundle/*", "harmless", "static bundles"),
    ("/web/filestore/*", "harmless", "always 404 (x_sendfile: internal location)"),
    ("/web/dataset/*", "staff", "ORM rights of the user"),
    ("/web/action/*", "staff", "ORM rights of the user"),
    ("/web/export/*", "staff", "ORM rights of the user"),
    ("/web/pivot/*", "staff", "ORM rights of the user"),
    ("/web/domain/validate", "staff", "ORM rights of the user"),
    ("/web/view/edit_custom", "staff", "own dashboards"),
    ("/web/model/get_definitions", "staff", "field definitions, no data"),
    ("/web/partner/vcard", "staff", "ORM rights of the user"),
    ("/web_enterprise/partner/*", "staff", "ORM rights of the user"),
    ("/web/binary/*", "staff", "upload: ORM rights; logo: public"),
    ("/web/session/*", "staff", "own session"),
    ("/web/webclient/*", "harmless", "translations, menus, version"),
    ("/web/become", "staff", "administrators only"),
    ("/web/set_profiling", "staff", "system group checked"),
    ("/web/speedscope*", "staff", "ir.profile: administrators"),
    ("/web/tests*", "harmless", "test bundles: public source code"),
    ("/web/health", "harmless", "status only"),
    ("/web/sign/*", "harmless", "fonts"),
    ("/web/manifest*", "harmless", "PWA manifest"),
    ("/web/service-worker.js", "harmless", "static"),
    ("/web/login_successful", "harmless", "page after login"),
    ("/web", "harmless", "redirects citizens to /my"),
    ("/odoo*", "harmless", "web client: citizens sent to /my"),
    ("/scoped_app*", "harmless", "web client shell"),
    ("/logo*", "harmless", "company logo"),
    ("/json/*", "staff", "ORM rights; bearer needs API keys (off for portal)"),
    ("/jsonrpc", "staff", "ORM rights; block at the proxy if unused"),
    ("/xmlrpc/*", "staff", "ORM rights; block at the proxy if unused"),
    ("/report/barcode*", "harmless", "renders the given value"),
    ("/report/*", "staff", "ORM rights of the user"),
    ("/web/database/*", "closed", "list_db = False"),
    # --- other Odoo addons -------------------------------------------------
    # Odoo's calendar (agents' calendars, with grc_citoyen_appointment).
    ("/calendar/*", "harmless", "attendee's token checked, or own notices"),
    ("/base_import/*", "staff", "ORM rights of the user"),
    ("/base_import_module/*", "staff", "administrator credentials asked"),
    ("/base_setup/*", "staff", "settings data, ORM rights"),
    ("/bus/*", "harmless", "own channels"),
    ("/websocket*", "harmless", "own channels"),
    # Odoo's chatter: with a request's token, any file and a note as the
    # citizen. Now under the rules of the request's page (mail_chatter.py,
    # tests/test_security_chatter.py).
    ("/mail/attachment/upload", "narrowed", "any file: same allow-list as intake"),
    ("/mail/message/post", "narrowed", "notes as the citizen; files, length"),
    ("/mail/message/update_content", "narrowed", "edits: same rules as posts"),
    ("/mail/message/reaction", "narrowed", "reached internal notes by id"),
    ("/mail/*", "harmless", "thread access checked; reads and own deletions"),
    ("/discuss/*", "harmless", "channel membership checked"),
    ("/chat/*", "harmless", "channel invitation token"),
    ("/meet/*", "harmless", "channel invitation token"),
    ("/html_editor/shape/*", "harmless", "static shapes"),
    ("/html_editor/*", "staff", "editor helpers, ORM rights"),
    ("/web_editor/font_to_img/*", "harmless", "renders an icon"),
    ("/web_editor/image_shape/*", "harmless", "static shapes"),
    ("/web_editor/shape/*", "harmless", "static shapes"),
    ("/web_editor/*", "staff", "editor helpers, ORM rights"),
    ("/web_unsplash/get_app_id", "harmless", "public application id"),
    ("/web_unsplash/*", "staff", "website designers"),
    ("/website/translations/*", "harmless", "public translations"),
    ("/website/lang/*", "harmless", "language switch"),
    ("/website/search*", "harmless", "published content only"),
    ("/website/snippet/*", "harmless", "published content only"),
    ("/website/social/*", "harmless", "redirect to the town's pages"),
    ("/website/action/*", "harmless", "published server actions only (none)"),
    ("/website/country_infos/*", "harmless", "public reference data"),
    ("/website/get_current_currency", "harmless", "public reference data"),
    ("/website/google_maps_api_key", "harmless", "browser key"),
    ("/website/save_session_layout_mode", "harmless", "own session"),
    ("/website/*", "staff", "website designers (group checked)"),
    ("/model/*", "harmless", "published model pages only (none)"),
    ("/pages*", "harmless", "published pages"),
    ("/sitemap.xml", "harmless", "published pages"),
    ("/robots.txt", "harmless", "static"),
    ("/favicon.ico", "harmless", "static"),
    ("/google*.html", "harmless", "search console key"),
    ("/@*", "harmless", "redirect to the backend"),
    ("/s", "harmless", "survey session code form"),
    ("/s/*", "harmless", "live survey session code"),
    ("/survey/*", "harmless", "answer token; satisfaction answered once"),
    ("/digest/*", "harmless", "own digests, signed unsubscribe"),
    ("/sms/status", "harmless", "IAP delivery reports by message uuid"),
    ("/google_gmail/*", "staff", "OAuth callback, administrators"),
]


@tagged("post_install", "-at_install")
class TestRouteInventory(TransactionCase):
    def _routes(self):
        """(url, routing, module running it) of every route a visitor or a
        portal account may call."""
        registry = self.env.registry
        modules = sorted(registry._init_modules | set(odoo.conf.server_wide_modules))
        rules = http._generate_routing_rules(
            modules, False, self.env["ir.http"]._get_converters()
        )
        for url, endpoint in rules:
            routing = endpoint.routing
            if routing["auth"] not in ("public", "none", "user", "bearer"):
                continue
            controller = type(endpoint.func.__self__)
            name = endpoint.func.__name__
            owners = [cls for cls in controller.mro() if name in cls.__dict__]
            # Other addons may override the same route too (mail_bot's
            # /mail/message/post, calling super()): which comes first in the
            # chain depends on the loading order, a GRC override runs anyway.
            grc = [c for c in owners if c.__module__.startswith("odoo.addons.grc_")]
            yield url, routing, (grc or owners)[0].__module__

    @staticmethod
    def _verdict(url):
        for pattern, verdict, _why in ROUTE_VERDICTS:
            if fnmatch.fnmatchcase(url, pattern):
                return verdict
        return None

    def test_every_route_has_a_verdict(self):
        """No public or portal route is left without a verdict."""
        missing = sorted(
            {url for url, _routing, _module in self._routes() if not self._verdict(url)}
        )
        self.assertFalse(
            missing,
            "Routes without a verdict in ROUTE_VERDICTS (say what they give "
            f"to citizens and visitors): {', '.join(missing)}",
        )

    def test_narrowed_routes_run_grc_code(self):
        """Routes narrowed for citizens are served by a GRC controller."""
        wrong = sorted(
            f"{url} ({module})"
            for url, _routing, module in self._routes()
            if self._verdict(url) == "narrowed"
            and not module.startswith("odoo.addons.grc_")
        )
        self.assertFalse(wrong, f"Narrowed routes not served by GRC: {wrong}")

    def test_grc_write_routes_need_post(self):
        """GRC routes that change data accept POST only (CSRF-checked)."""
        for url, routing, module in self._routes():
            if not module.startswith("odoo.addons.grc_"):
                continue
            last = url.rstrip("/").rsplit("/", 1)[-1]
            # OAuth's revocation (RFC 7009) is called by apps without a
            # session cookie: the token in the body is its own proof.
            if url == "/oauth/revoke":
                continue
            if last in ("message", "cancel", "reopen", "erasure", "revoke", "close"):
                with self.subTest(url=url):
                    self.assertEqual(routing.get("methods"), ["POST"])
                    self.assertNotEqual(routing.get("csrf"), False)
