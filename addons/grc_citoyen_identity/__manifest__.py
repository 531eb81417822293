# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - FranceConnect and ProConnect",
    "summary": "Citizens sign in with FranceConnect (certified identity), agents "
    "with ProConnect; the OpenID Connect checks these federations require "
    "(state, nonce, per-login PKCE, ES256, signed userinfo, eIDAS level, "
    "logout at the provider) and two-factor authentication for agents",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen", "auth_oidc", "auth_totp"],
    "external_dependencies": {"python": ["python-jose", "cryptography"]},
    "data": [
        "data/auth_oauth_provider_data.xml",
        "views/auth_oauth_provider_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "views/login_templates.xml",
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "grc_citoyen_identity/static/src/scss/franceconnect.scss",
        ],
    },
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
