# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.tests import new_test_user
from odoo.tools import SQL

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_reclamations.tests.common import ReclamationCommon, paris


class KpiFixtures:
    """Fixtures the indicator tests share, on top of ``GrcCommon``."""

    @classmethod
    def _create_kpi_catalogue(cls):
        """Two categories: the lamp type in "Cadre de vie", and a confidential
        social type of the CCAS in "Solidarités"."""
        cls.category_living = cls.env["helpdesk.ticket.category"].create(
            {"name": "Cadre de vie"}
        )
        cls.category_social = cls.env["helpdesk.ticket.category"].create(
            {"name": "Solidarités"}
        )
        cls.type_lamp.category_id = cls.category_living
        cls.type_help = cls.env["grc.request.type"].create(
            {
                "name": "Aide sociale",
                "code": "ASO",
                "team_id": cls.team_ccas.id,
                "category_id": cls.category_social.id,
                "is_confidential": True,
            }
        )

    @classmethod
    def _create_kpi_readers(cls, login_prefix):
        """A steering user (indicators, read only) and a front-desk agent."""
        cls.steering_user = new_test_user(
            cls.env,
            login=f"{login_prefix}_steering",
            name="Steering Sandrine",
            groups="grc_citoyen.group_grc_steering",
        )
        cls.frontdesk_user = new_test_user(
            cls.env,
            login=f"{login_prefix}_frontdesk",
            name="Front desk Fabien",
            groups="grc_citoyen.group_grc_frontdesk",
        )


class GrcPilotageCommon(KpiFixtures, GrcCommon):
    """Three services, four channels and seven requests of January 2026 whose
    figures the tests check (delays in days: 2, 6, 1 and 10)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Europe/Paris"
        ref = cls.env.ref
        cls.channel_phone = ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        cls.channel_email = ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        cls.channel_web = ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        cls.channel_desk = ref("grc_citoyen.helpdesk_ticket_channel_front_desk")
        cls.stage_new = ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_progress = ref("helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.stage_resolved = ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.stage_closed = ref("grc_citoyen.helpdesk_ticket_stage_closed")
        cls.stage_cancelled = ref("helpdesk_mgmt.helpdesk_ticket_stage_cancelled")
        cls._create_kpi_catalogue()
        cls.team_cleaning = cls.env["helpdesk.ticket.team"].create(
            {"name": "Propreté", "code": "PRO", "parent_id": cls.direction.id}
        )
        cls.type_bulky = cls.env["grc.request.type"].create(
            {
                "name": "Enlèvement d'encombrants",
                "code": "ENC",
                "team_id": cls.team_cleaning.id,
                "category_id": cls.category_living.id,
            }
        )
        cls.requests = cls.env["helpdesk.ticket"]
        cls.req_lamp_phone = cls._create_kpi_request(
            cls.channel_phone,
            "2026-01-05 08:00",
            stage=cls.stage_resolved,
            resolved="2026-01-07 08:00",
            responded="2026-01-05 12:00",
        )
        cls.req_lamp_email = cls._create_kpi_request(
            cls.channel_email,
            "2026-01-10 08:00",
            stage=cls.stage_closed,
            resolved="2026-01-16 08:00",
            responded="2026-01-11 08:00",
        )
        cls.req_lamp_open = cls._create_kpi_request(
            cls.channel_phone, "2026-01-20 08:00", stage=cls.stage_progress
        )
        cls.req_lamp_cancelled = cls._create_kpi_request(
            cls.channel_web, "2026-01-08 08:00", stage=cls.stage_cancelled
        )
        cls.req_bulky_web = cls._create_kpi_request(
            cls.channel_web,
            "2026-01-12 09:00",
            request_type=cls.type_bulky,
            stage=cls.stage_resolved,
            resolved="2026-01-13 09:00",
        )
        # 23:30 UTC on January 31st is February 1st in Paris.
        cls.req_bulky_february = cls._create_kpi_request(
            cls.channel_phone,
            "2026-01-31 23:30",
            request_type=cls.type_bulky,
            stage=cls.stage_new,
        )
        cls.req_social = cls._create_kpi_request(
            cls.channel_desk,
            "2026-01-15 10:00",
            request_type=cls.type_help,
            stage=cls.stage_resolved,
            resolved="2026-01-25 10:00",
        )
        cls._create_kpi_readers("grc")

    @classmethod
    def _create_kpi_request(
        cls, channel, received, stage, request_type=None, resolved=None, responded=None
    ):
        request_type = request_type or cls.type_lamp
        request = cls._create_request(
            channel_id=channel.id,
            request_type_id=request_type.id,
            team_id=request_type.team_id.id,
            stage_id=stage.id,
            received_date=datetime.fromisoformat(received),
            resolution_date=resolved and datetime.fromisoformat(resolved),
            first_response_date=responded and datetime.fromisoformat(responded),
        )
        cls.requests |= request
        return request

    def _kpi_domain(self):
        return [("id", "in", self.requests.ids)]

    def _set_sla_deadlines(self, deadlines, response_deadlines=None):
        """Give requests SLA deadlines straight in the table, then rebuild the
        views: the columns are created here when the SLA engine is not
        installed (rolled back with the test)."""
        cr = self.env.cr
        self.env.flush_all()
        for column in ("grc_sla_deadline", "sla_first_response_deadline"):
            cr.execute(
                SQL(
                    "ALTER TABLE helpdesk_ticket ADD COLUMN IF NOT EXISTS %s timestamp",
                    SQL.identifier(column),
                )
            )
        cr.execute(
            "UPDATE helpdesk_ticket SET grc_sla_deadline = NULL, "
            "sla_first_response_deadline = NULL WHERE id IN %s",
            [tuple(self.requests.ids)],
        )
        for column, values in (
            ("grc_sla_deadline", deadlines),
            ("sla_first_response_deadline", response_deadlines or {}),
        ):
            for request, deadline in values.items():
                cr.execute(
                    f"UPDATE helpdesk_ticket SET {column} = %s WHERE id = %s",
                    [datetime.fromisoformat(deadline), request.id],
                )
        self.env["grc.kpi.request"].init()
        self.env.invalidate_all()


class GrcPilotageReclamationCommon(KpiFixtures, ReclamationCommon):
    """Five complaints of March and April 2026 whose figures the tests check.

    ========  ==========================  ============  =========  =========
    complaint reason (family)             service row   answered   deadline
    ========  ==========================  ============  =========  =========
    c_voirie  Late answer (Delay)         Voirie        3 wd       met
    c_two     Incomplete (Quality)        Propreté (*)  1 wd       missed
    c_first   Discourtesy (Behaviour)     Propreté (+)  no         missed
    c_pending Late answer (Delay)         Voirie        no         not due
    c_ccas    Incomplete (Quality)        CCAS          2 wd       met
    ========  ==========================  ============  =========  =========

    (*) concerns Voirie and Propreté, Propreté is responsible; (+) concerns
    both, no responsible service: Propreté comes first in the services' order.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.reason_delay = ref("grc_reclamations.grc_reclamation_reason_delay")
        cls.reason_quality = ref("grc_reclamations.grc_reclamation_reason_quality")
        cls.reason_behaviour = ref("grc_reclamations.grc_reclamation_reason_behaviour")
        cls.cause_process = ref("grc_reclamations.grc_reclamation_root_cause_process")
        cls.team_cleaning = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Propreté",
                "code": "PRO",
                "parent_id": cls.direction.id,
                "resource_calendar_id": cls.calendar.id,
                "sequence": 1,
            }
        )
        stages = {
            stage.state: stage for stage in cls.env["grc.reclamation.stage"].search([])
        }
        cls.complaints = cls.env["grc.reclamation"]
        cls.c_voirie = cls._create_kpi_complaint(
            cls.reason_late,
            cls.team_voirie,
            received=paris(2026, 3, 9, 10, 0),
            deadline=paris(2026, 4, 21, 17, 0),
            answered=paris(2026, 3, 12, 15, 0),
            stage_id=stages["answered"].id,
            responsible_team_id=cls.team_voirie.id,
            justification="justified",
            root_cause_id=cls.cause_workload.id,
            citizen_satisfaction="satisfied",
        )
        cls.c_two = cls._create_kpi_complaint(
            cls.reason_incomplete,
            cls.team_voirie | cls.team_cleaning,
            # Friday May 1st is a public holiday, then a week-end.
            received=paris(2026, 4, 30, 10, 0),
            deadline=paris(2026, 4, 30, 17, 0),
            answered=paris(2026, 5, 4, 9, 0),
            stage_id=stages["answered"].id,
            responsible_team_id=cls.team_cleaning.id,
            justification="partly",
            root_cause_id=cls.cause_workload.id,
            citizen_satisfaction="not_satisfied",
        )
        cls.c_first = cls._create_kpi_complaint(
            cls.reason_discourtesy,
            cls.team_voirie | cls.team_cleaning,
            received=paris(2026, 3, 2, 9, 0),
            deadline=paris(2026, 3, 13, 17, 0),
            stage_id=stages["analysis"].id,
            root_cause_id=cls.cause_process.id,
        )
        cls.c_pending = cls._create_kpi_complaint(
            cls.reason_late,
            cls.team_voirie,
            received=paris(2026, 3, 16, 9, 0),
            deadline=paris(2099, 1, 5, 17, 0),
        )
        cls.c_ccas = cls._create_kpi_complaint(
            cls.reason_incomplete,
            cls.team_ccas,
            received=paris(2026, 3, 11, 10, 0),
            deadline=paris(2026, 4, 23, 17, 0),
            answered=paris(2026, 3, 13, 11, 0),
            stage_id=stages["answered"].id,
        )
        cls.env["grc.reclamation.action"].create(
            [
                {
                    "name": "Renforcer l'équipe",
                    "reclamation_id": cls.c_voirie.id,
                    "user_id": cls.manager_voirie.id,
                },
                {
                    "name": "Former l'accueil",
                    "reclamation_id": cls.c_voirie.id,
                    "user_id": cls.manager_voirie.id,
                    "state": "done",
                    "effectiveness": "effective",
                },
            ]
        )
        cls._create_kpi_readers("grc_rec")

    @classmethod
    def _create_kpi_complaint(
        cls, reason, teams, received, deadline, answered=None, **values
    ):
        complaint = cls._create_reclamation(
            reason_id=reason.id,
            team_ids=[(6, 0, teams.ids)],
            received_date=received,
            **values,
        )
        # Deadlines given as they are, so that the figures do not hang on the
        # deadline rules.
        complaint.write({"answer_deadline": deadline, "answer_date": answered})
        complaint._refresh_deadline_status()
        cls.complaints |= complaint
        return complaint

    def _complaint_domain(self):
        return [("id", "in", self.complaints.ids)]
