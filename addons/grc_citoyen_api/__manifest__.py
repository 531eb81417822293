# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Mobile app API",
    "summary": "REST API of the citizens' mobile app (OCA fastapi), "
    "with the citizens' app tokens",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen", "fastapi"],
    "external_dependencies": {"python": ["fastapi", "pydantic"]},
    "data": [
        "security/ir.model.access.csv",
        "security/grc_api_security.xml",
        "data/fastapi_endpoint_data.xml",
        "data/ir_cron_api_token.xml",
        "views/grc_api_token_views.xml",
        "views/grc_api_token_templates.xml",
        "views/res_config_settings_api_views.xml",
        "views/grc_oauth_client_views.xml",
        "views/grc_oauth_templates.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
