# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Open311 GeoReport v2",
    "summary": "Open311 GeoReport v2 (services, service definitions, requests; "
    "XML and JSON) so that Open311 clients and FixMyStreet-compatible apps "
    "report to the authority",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    # grc_citoyen_api: its FastAPI runner user and its citizens' app tokens,
    # which are the api_key of Open311.
    "depends": ["grc_citoyen_api"],
    "external_dependencies": {"python": ["fastapi"]},
    "data": [
        "security/grc_open311_security.xml",
        "data/helpdesk_ticket_channel_data.xml",
        "data/fastapi_endpoint_data.xml",
        "views/res_company_open311_views.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
