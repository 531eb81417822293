# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_citoyen.tests.french_screens import FrenchScreensMixin


@tagged("post_install", "-at_install")
class TestReclamationLabels(GrcCommon):
    """Reasons and irritants read in the language of the reader."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("fr_FR")
        Reason = cls.env["grc.reclamation.reason"]
        cls.delay = Reason.create({"name": "Delay", "code": "UX-DELAY"})
        cls.late = Reason.create(
            {"name": "Late answer", "code": "UX-LATE", "parent_id": cls.delay.id}
        )
        cls.delay.update_field_translations("name", {"fr_FR": "Délai"})
        cls.late.update_field_translations("name", {"fr_FR": "Réponse tardive"})

    def test_reason_path_in_the_reader_language(self):
        """A sub-reason shows its path in French to a French reader."""
        self.assertEqual(self.late.display_name, "Delay / Late answer")
        self.assertEqual(
            self.late.with_context(lang="fr_FR").display_name,
            "Délai / Réponse tardive",
        )

    def test_reason_found_by_its_translated_name(self):
        """Typing the French name of a reason finds it."""
        Reason = self.env["grc.reclamation.reason"].with_context(lang="fr_FR")
        found = Reason.name_search("tardive")
        self.assertIn(self.late.id, [id_ for id_, _name in found])

    def test_irritant_name_in_the_reader_language(self):
        """An irritant is named after its reason in the reader's language."""
        irritant = self.env["grc.reclamation.irritant"].create(
            {"reason_id": self.late.id, "team_id": self.team_voirie.id}
        )
        self.assertEqual(
            irritant.with_context(lang="fr_FR").display_name,
            "Délai / Réponse tardive / Voirie",
        )


@tagged("post_install", "-at_install")
class TestReclamationScreensFrench(FrenchScreensMixin, GrcCommon):
    """The complaints officer's screens read French."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._grc_load_french()

    def test_complaint_screens_in_french(self):
        self.assertScreensInFrench(
            views=[
                (
                    "grc.reclamation",
                    "grc_reclamations.grc_reclamation_view_form",
                    "form",
                ),
                ("grc.reclamation", None, "list"),
                ("grc.reclamation", None, "search"),
            ],
            actions=[
                "grc_reclamations.grc_reclamation_action",
                "grc_reclamations.grc_reclamation_action_action",
            ],
        )
