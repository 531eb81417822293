# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Forms of démarches: addresses",
    "summary": "Address questions of démarches' forms suggest addresses of the "
    "Base Adresse Nationale as the citizen types, a plain field without "
    "JavaScript",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    # grc_citoyen_location: the client of the Base Adresse Nationale (its URL,
    # timeout and cache), reused for the suggestions.
    "depends": ["grc_citoyen_forms", "grc_citoyen_location"],
    "data": [
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "grc_citoyen_forms_location/static/src/js/grc_form_address.js",
        ],
    },
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
