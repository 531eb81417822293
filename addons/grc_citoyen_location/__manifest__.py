# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Districts and geocoding",
    "summary": "Districts of the authority recognised from the place of a request, "
    "and requests located with the Base Adresse Nationale",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    # base_geolocalize: the national address base is a base.geocoder provider.
    "depends": ["grc_citoyen", "base_geolocalize"],
    "data": [
        "security/ir.model.access.csv",
        "security/grc_district_security.xml",
        "data/base_geo_provider_data.xml",
        "data/ir_cron_location.xml",
        "views/grc_district_views.xml",
        "views/helpdesk_ticket_location_views.xml",
        "views/res_config_settings_location_views.xml",
    ],
    "development_status": "Beta",
    "auto_install": False,
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
