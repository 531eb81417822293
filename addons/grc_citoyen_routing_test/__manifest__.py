# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "GRC Citoyenne - Test the routing rules",
    "summary": "Managers try a sample request on the routing rules and see "
    "which rule takes it, and why each rule before it did not",
    "version": "18.0.1.0.0",
    "license": "AGPL-3",
    "author": "GRC Citoyenne contributors",
    "website": "https://github.com/grc-citoyenne/grc-citoyenne",
    "category": "Services/Helpdesk",
    "depends": ["grc_citoyen"],
    "data": [
        "security/ir.model.access.csv",
        "wizards/grc_routing_test_views.xml",
    ],
    "development_status": "Beta",
    "installable": True,
    "maintainers": ["grc-citoyenne"],
}
