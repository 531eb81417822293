# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Forms of démarches: mobile app API",
    "summary": "Each démarche's form as a JSON Schema in the mobile app's API "
    "and its OpenAPI document; answers and supporting documents sent by the "
    "app, checked by the same rules as the portal",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen_forms", "grc_citoyen_api"],
    "external_dependencies": {"python": ["fastapi", "pydantic"]},
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
