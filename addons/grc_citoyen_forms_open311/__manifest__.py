# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Démarche forms in Open311",
    "summary": "The questions of a démarche's form are the attributes of its "
    "Open311 service definition, and posted attributes its answers",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen_forms_api", "grc_citoyen_open311"],
    "external_dependencies": {"python": ["fastapi"]},
    "development_status": "Beta",
    # A bridge: installed with both addons, nothing to choose.
    "auto_install": True,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
