# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from pytz import timezone, utc

from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon

PARIS = timezone("Europe/Paris")


def paris(*args):
    """Naive UTC datetime of a Paris wall-clock time."""
    return PARIS.localize(datetime(*args)).astimezone(utc).replace(tzinfo=None)


class ReclamationCommon(GrcCommon):
    """Officers, agents of two services, a working calendar and reasons."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Default attendances: Monday to Friday, 8:00-12:00 and 13:00-17:00,
        # with the French public holidays.
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Mairie", "tz": "Europe/Paris"}
        )
        (cls.direction | cls.team_voirie | cls.team_ccas).write(
            {"resource_calendar_id": cls.calendar.id}
        )
        cls.officer = new_test_user(
            cls.env,
            login="rec_officer",
            name="Odile Officier",
            email="odile.officier@mairie.example",
            groups="grc_reclamations.group_reclamation_officer",
        )
        cls.director = new_test_user(
            cls.env,
            login="rec_director",
            name="Denis Directeur",
            email="denis.directeur@mairie.example",
            groups="grc_reclamations.group_reclamation_manager",
        )
        cls.agent_voirie = new_test_user(
            cls.env, login="rec_agent_voirie", groups="grc_citoyen.group_grc_agent"
        )
        cls.agent_ccas = new_test_user(
            cls.env, login="rec_agent_ccas", groups="grc_citoyen.group_grc_agent"
        )
        cls.manager_voirie = new_test_user(
            cls.env,
            login="rec_manager_voirie",
            name="Marc Manager",
            groups="grc_citoyen.group_grc_manager",
        )
        cls.team_voirie.write(
            {
                "user_ids": [(4, cls.agent_voirie.id), (4, cls.manager_voirie.id)],
                "user_id": cls.manager_voirie.id,
            }
        )
        cls.team_ccas.write({"user_ids": [(4, cls.agent_ccas.id)]})
        cls.env.company.write(
            {
                "resource_calendar_id": cls.calendar.id,
                "reclamation_officer_id": cls.officer.id,
                "reclamation_director_id": cls.director.id,
                "reclamation_signatory_id": cls.director.id,
                "reclamation_at_risk_ratio": 0.75,
                "reclamation_irritant_window_days": 90,
                "reclamation_irritant_threshold": 5,
            }
        )
        ref = cls.env.ref
        cls.reason_late = ref("grc_reclamations.grc_reclamation_reason_late_answer")
        cls.reason_discourtesy = ref(
            "grc_reclamations.grc_reclamation_reason_discourtesy"
        )
        cls.reason_incomplete = ref(
            "grc_reclamations.grc_reclamation_reason_incomplete"
        )
        cls.reason_other = ref("grc_reclamations.grc_reclamation_reason_other")
        cls.cause_workload = ref("grc_reclamations.grc_reclamation_root_cause_workload")
        cls.Reclamation = cls.env["grc.reclamation"]

    @classmethod
    def _create_reclamation(cls, **values):
        vals = {
            "subject": "Réponse incomplète",
            "description": "<p>La réponse ne traite pas de ma question.</p>",
            "partner_id": cls.citizen.id,
            "reason_id": cls.reason_incomplete.id,
            "team_ids": [(6, 0, cls.team_voirie.ids)],
            "received_date": paris(2026, 3, 9, 10, 0),
        }
        vals.update(values)
        return cls.Reclamation.create(vals)

    def _analyse(self, reclamation, **values):
        """Bring a complaint to a drafted answer, as an officer would."""
        rec = reclamation.with_user(self.officer)
        rec.action_admissible()
        rec.action_start_analysis()
        rec.write(
            {
                "root_cause_id": self.cause_workload.id,
                "responsible_team_id": self.team_voirie.id,
                "justification": "justified",
                "answer_body": "<p>Vous avez raison, veuillez nous excuser.</p>",
                **values,
            }
        )
        rec.action_draft_answer()
        return rec
