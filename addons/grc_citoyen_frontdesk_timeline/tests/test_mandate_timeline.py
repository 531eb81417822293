# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen_frontdesk.tests.test_mandate import MandateCommon


class TestMandateTimeline(MandateCommon):
    """The mandate a citizen gave shows on their timeline, to the front
    desk, and opens the mandate; not on the representative's."""

    def test_mandate_on_the_beneficiary_timeline(self):
        frontdesk = new_test_user(
            self.env,
            login="mandate-timeline-desk",
            groups="grc_citoyen.group_grc_frontdesk",
        )
        timeline = self.env["grc.citizen.timeline"].with_user(frontdesk)
        line = timeline.search(
            [("partner_id", "=", self.citizen.id), ("kind", "=", "mandate")]
        )
        self.assertEqual(
            (line.res_model, line.res_id), ("grc.mandate", self.mandate.id)
        )
        self.assertEqual(line.name, "Jeanne Aidante")
        self.assertFalse(line.is_confidential)
        self.assertEqual(line.action_grc_open()["res_id"], self.mandate.id)
        self.assertFalse(
            timeline.search(
                [("partner_id", "=", self.aidant.id), ("kind", "=", "mandate")]
            )
        )
