# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user
from odoo.tools import SQL

from odoo.addons.grc_citoyen.tests.common import GrcCommon

NOW = datetime(2026, 6, 15, 12, 0)
CLOSED = "grc_citoyen.helpdesk_ticket_stage_closed"
CANCELLED = "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
RESOLVED = "helpdesk_mgmt.helpdesk_ticket_stage_done"


class RetentionCommon(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.engine = cls.env["grc.retention.engine"]
        cls.env.company.grc_retention_months_default = 24
        # The elimination lists and their visa are tested in
        # test_elimination.py; here expired requests go at once.
        cls.env.company.grc_elimination_visa_required = False
        cls.type_lamp.retention_months = 60
        cls.type_noise = cls.env["grc.request.type"].create(
            {
                "name": "Nuisances sonores",
                "code": "BRUIT",
                "team_id": cls.team_ccas.id,
                "retention_months": 12,
            }
        )
        cls.type_default = cls.env["grc.request.type"].create(
            {
                "name": "Autre demande",
                "code": "AUT",
                "team_id": cls.team_voirie.id,
                "retention_months": 0,
            }
        )

    @classmethod
    def _citizen(cls, name, **values):
        partner = cls.env["res.partner"].create(
            dict(
                {
                    "name": name,
                    "is_citizen": True,
                    "email": f"{name.split()[0].lower()}@example.fr",
                },
                **values,
            )
        )
        cls._known_since(partner, datetime(2015, 1, 1))
        return partner

    @classmethod
    def _known_since(cls, records, date):
        records.flush_recordset()
        cls.env.cr.execute(
            SQL(
                "UPDATE %s SET create_date = %s WHERE id IN %s",
                SQL.identifier(records._table),
                date,
                tuple(records.ids),
            )
        )
        records.invalidate_recordset(["create_date"])

    @classmethod
    def _finished_request(cls, closed_on, stage=CLOSED, **values):
        """A request received a week before ``closed_on`` and closed then."""
        received = closed_on.replace(day=1)
        values.setdefault("received_date", received)
        values.setdefault("first_response_date", received)
        values.setdefault("resolution_date", closed_on)
        values.setdefault("grc_resolution", "<p>Lampe changée par l'équipe.</p>")
        if stage == CLOSED:
            values.setdefault("closure_date", closed_on)
        return cls._create_request(stage_id=cls.env.ref(stage).id, **values)


class TestRetentionExpiry(RetentionCommon):
    """Which requests have outlived their retention period."""

    def test_expiry_follows_the_type_retention(self):
        """12-month type expires first, the 60-month type later, a type
        without period (0) after the company default."""
        closed_on = datetime(2020, 1, 10)
        noise = self._finished_request(closed_on, request_type_id=self.type_noise.id)
        lamp = self._finished_request(closed_on)
        other = self._finished_request(closed_on, request_type_id=self.type_default.id)
        self.assertEqual(
            self.engine._expired_requests(datetime(2021, 1, 9)), noise.browse()
        )
        self.assertEqual(self.engine._expired_requests(datetime(2021, 1, 10)), noise)
        self.assertEqual(
            self.engine._expired_requests(datetime(2022, 1, 10)), noise | other
        )
        self.assertEqual(
            self.engine._expired_requests(datetime(2025, 1, 10)), noise | other | lamp
        )

    def test_cancelled_requests_expire_from_their_last_move(self):
        """A cancelled request has no closure date: its last move counts."""
        cancelled = self._finished_request(
            datetime(2020, 1, 10),
            stage=CANCELLED,
            request_type_id=self.type_noise.id,
            resolution_date=False,
            grc_resolution=False,
        )
        cancelled.last_stage_update = datetime(2020, 3, 1)
        cancelled.closed_date = False
        self.assertFalse(self.engine._expired_requests(datetime(2021, 2, 1)))
        self.assertEqual(self.engine._expired_requests(datetime(2021, 3, 1)), cancelled)

    def test_open_and_resolved_requests_are_kept(self):
        """Requests still open or only resolved never expire."""
        old = datetime(2010, 1, 1)
        self._create_request(received_date=old, request_type_id=self.type_noise.id)
        self._finished_request(old, stage=RESOLVED, request_type_id=self.type_noise.id)
        self.assertFalse(self.engine._expired_requests(NOW))

    def test_archived_requests_expire_too(self):
        """An archived request is not forgotten by the retention."""
        request = self._finished_request(
            datetime(2019, 1, 1), request_type_id=self.type_noise.id
        )
        request.active = False
        self.assertEqual(self.engine._expired_requests(NOW), request)


class TestRequestAnonymisation(RetentionCommon):
    """What anonymisation removes, and what it keeps."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env, login="retention-agent", groups="grc_citoyen.group_grc_agent"
        )
        cls.request = cls._finished_request(
            datetime(2019, 5, 20),
            name="Lampadaire devant chez Mme Núñez, 12 rue des Lilas",
            description="<p>Je suis Hélène Núñez, 06 12 34 56 78.</p>",
            grc_resolution="<p>Appelé Mme Núñez au 06 12 34 56 78.</p>",
            notes="<p>Voisine de M. Martin, agressive au téléphone.</p>",
            location_street="12 rue des Lilas",
            location_zip="69003",
            location_city="Lyon",
            location_district="Montchat",
            location_latitude=45.75,
            location_longitude=4.85,
            partner_name="Hélène Núñez",
            partner_email="helene.nunez@example.fr",
            email_cc="voisin@example.fr",
            user_id=cls.agent.id,
        )
        cls.file = cls.env["ir.attachment"].create(
            {
                "name": "photo-facade-nunez.jpg",
                "raw": b"jpeg",
                "res_model": "helpdesk.ticket",
                "res_id": cls.request.id,
            }
        )
        cls.message = cls.request.message_post(
            body="Le lampadaire est toujours éteint, Hélène.",
            author_id=cls.citizen.id,
            email_from="Hélène Núñez <helene.nunez@example.fr>",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("courrier.pdf", "%PDF-1.4 Hélène".encode())],
        )
        cls.note = cls.request.message_post(
            body="Attention : voisine de M. Martin.", subtype_xmlid="mail.mt_note"
        )
        fields_by_name = {
            field.name: field
            for field in cls.env["ir.model.fields"].search(
                [
                    ("model", "=", "helpdesk.ticket"),
                    ("name", "in", ["partner_id", "stage_id"]),
                ]
            )
        }
        cls.tracking = cls.request._message_log(
            body="",
            tracking_value_ids=[
                Command.create(
                    {
                        "field_id": fields_by_name["partner_id"].id,
                        "old_value_char": "",
                        "new_value_char": "Hélène Núñez",
                        "new_value_integer": cls.citizen.id,
                    }
                ),
                Command.create(
                    {
                        "field_id": fields_by_name["stage_id"].id,
                        "old_value_char": "New",
                        "new_value_char": "Closed",
                    }
                ),
            ],
        )
        cls.interaction = cls.env["grc.interaction"].create(
            {
                "name": "Appel de Mme Núñez",
                "partner_id": cls.citizen.id,
                "channel_id": cls.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "notes": "Rappeler au 06 12 34 56 78",
                "ticket_id": cls.request.id,
                "date": datetime(2019, 5, 1),
            }
        )

    def test_personal_data_are_replaced(self):
        """Free text, street, coordinates, contact fields are gone; the
        zip, district and city stay."""
        self.engine._anonymise_requests(self.request)
        request = self.request
        self.assertTrue(request.grc_anonymised_date)
        self.assertEqual(request.name, self.type_lamp.name)
        self.assertEqual(str(request.description), "<p>[anonymised]</p>")
        self.assertEqual(str(request.grc_resolution), "<p>[anonymised]</p>")
        self.assertFalse(request.notes)
        self.assertFalse(request.location_street)
        self.assertFalse(request.location_latitude)
        self.assertFalse(request.location_longitude)
        self.assertFalse(request.partner_name)
        self.assertFalse(request.partner_email)
        self.assertFalse(request.email_cc)
        self.assertEqual(
            (request.location_zip, request.location_district, request.location_city),
            ("69003", "Montchat", "Lyon"),
        )
        self.assertEqual(request.partner_id, self.citizen, "the link stays")
        self.assertEqual(self.interaction.name, "[anonymised]")
        self.assertFalse(self.interaction.notes)

    def test_files_and_message_bodies_are_gone(self):
        """Files of the request and of its messages are deleted; bodies,
        sender addresses and personal tracked values are cleared."""
        message_file = self.message.attachment_ids
        self.assertTrue(message_file)
        self.engine._anonymise_requests(self.request)
        self.assertFalse(self.file.exists())
        self.assertFalse(message_file.exists())
        self.assertFalse(
            self.env["ir.attachment"].search_count(
                [
                    ("res_model", "=", "helpdesk.ticket"),
                    ("res_id", "=", self.request.id),
                ]
            )
        )
        for message in self.message | self.note:
            self.assertEqual(str(message.body), "<p>[anonymised]</p>")
            self.assertFalse(message.email_from)
        self.assertFalse(self.message.attachment_ids)
        partner_value, stage_value = self.tracking.tracking_value_ids.sorted(
            lambda value: value.field_id.name
        )
        self.assertFalse(partner_value.new_value_char)
        self.assertEqual(partner_value.new_value_integer, self.citizen.id)
        self.assertEqual(stage_value.new_value_char, "Closed", "the history stays")
        remaining = self.env["mail.message"].search(
            [("model", "=", "helpdesk.ticket"), ("res_id", "=", self.request.id)]
        )
        self.assertNotIn("Hélène", " ".join(str(m.body) for m in remaining))

    def test_statistics_are_preserved(self):
        """Counts per type and service, channels, states and delays are the
        same after anonymisation."""
        phone = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_phone")
        others = self.request
        for month, request_type in ((2, self.type_noise), (3, self.type_lamp)):
            others |= self._finished_request(
                datetime(2018, month, 20),
                request_type_id=request_type.id,
                team_id=request_type.team_id.id,
                channel_id=phone.id,
            )
        others |= self._finished_request(
            datetime(2018, 4, 20), stage=CANCELLED, request_type_id=self.type_noise.id
        )
        tickets = self.env["helpdesk.ticket"]
        domain = [("id", "in", others.ids)]
        stat_fields = [
            "number",
            "request_type_id",
            "team_id",
            "channel_id",
            "stage_id",
            "grc_state",
            "priority",
            "received_date",
            "first_response_date",
            "resolution_date",
            "closure_date",
            "location_zip",
            "location_district",
            "grc_sla_deadline",
            "sla_status",
        ]

        def snapshot():
            groups = tickets._read_group(
                domain,
                groupby=["request_type_id", "team_id", "channel_id", "grc_state"],
                aggregates=["__count"],
            )
            return groups, others.read(stat_fields)

        before = snapshot()
        anonymised = self.engine._anonymise_requests(self.engine._expired_requests(NOW))
        self.assertEqual(anonymised, others)
        others.invalidate_recordset()
        self.assertEqual(snapshot(), before)

    def test_anonymisation_is_idempotent(self):
        """A second pass finds nothing left and changes nothing."""
        first = self.engine._anonymise_requests(self.request)
        date = self.request.grc_anonymised_date
        self.assertEqual(first, self.request)
        self.assertFalse(self.engine._anonymise_requests(self.request))
        self.assertFalse(self.engine._expired_requests(NOW))
        self.assertEqual(self.request.grc_anonymised_date, date)


class TestCitizenAnonymisation(RetentionCommon):
    """Citizens are anonymised only when nothing of theirs is kept."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.need = cls.env["grc.support.need"].search([], limit=1)
        cls.gone = cls._citizen(
            "Paul Ancien",
            phone="06 12 34 56 78",
            street="3 rue du Port",
            zip="69002",
            city="Lyon",
            birthdate="1950-02-03",
            support_need_ids=[Command.set(cls.need.ids)],
            support_note="Malentendant",
        )
        cls.old = datetime(2018, 3, 1)
        cls.gone_request = cls._finished_request(cls.old, partner_id=cls.gone.id)

    def test_citizen_without_anything_left_is_anonymised(self):
        """Identity, contact details, birthdate and support needs go; the
        record is archived; postal code and city stay."""
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["citizen_count"], 1)
        gone = self.gone.with_context(active_test=False)
        self.assertEqual(gone.name, f"Citizen anonymised #{gone.id}")
        self.assertFalse(gone.email)
        self.assertFalse(gone.phone)
        self.assertFalse(gone.street)
        self.assertFalse(gone.birthdate)
        self.assertFalse(gone.support_need_ids)
        self.assertFalse(gone.support_note)
        self.assertFalse(gone.citizen_number)
        self.assertFalse(gone.active)
        self.assertTrue(gone.grc_anonymised_date)
        self.assertEqual((gone.zip, gone.city), ("69002", "Lyon"))
        self.assertEqual(self.gone_request.partner_id, gone)

    def test_citizen_with_a_recent_request_is_kept(self):
        """An old request expires, but a recent one keeps the citizen."""
        self._finished_request(datetime(2026, 1, 5), partner_id=self.gone.id)
        self.engine._run_retention(NOW)
        self.assertTrue(self.gone_request.grc_anonymised_date)
        self.assertFalse(self.gone.grc_anonymised_date)
        self.assertEqual(self.gone.name, "Paul Ancien")

    def test_citizen_with_a_recent_interaction_is_kept(self):
        """A contact within the retention period keeps the citizen."""
        self.env["grc.interaction"].create(
            {
                "name": "Question sur les encombrants",
                "partner_id": self.gone.id,
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "date": datetime(2025, 12, 1),
            }
        )
        self.engine._run_retention(NOW)
        self.assertFalse(self.gone.grc_anonymised_date)

    def test_old_interactions_expire_then_release_the_citizen(self):
        """An interaction past the default retention is anonymised, and no
        longer keeps the citizen."""
        interaction = self.env["grc.interaction"].create(
            {
                "name": "Question de M. Ancien",
                "partner_id": self.gone.id,
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "notes": "Rappeler au 06 12 34 56 78",
                "date": datetime(2019, 1, 1),
            }
        )
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["interaction_count"], 1)
        self.assertEqual(interaction.name, "[anonymised]")
        self.assertFalse(interaction.notes)
        self.assertEqual(interaction.partner_id, self.gone)
        self.assertTrue(self.gone.grc_anonymised_date)

    def test_recent_login_keeps_the_citizen(self):
        """A citizen who used their online account lately is kept, then
        released (account archived) once it is old enough."""
        user = new_test_user(
            self.env,
            login="paul-ancien",
            groups="base.group_portal",
            partner_id=self.gone.id,
        )
        self.env["res.users.log"].with_user(user).sudo().create({})
        self.engine._run_retention(NOW)
        self.assertFalse(self.gone.grc_anonymised_date)
        self.engine._run_retention(datetime(2040, 1, 1))
        self.assertTrue(self.gone.grc_anonymised_date)
        user = user.with_context(active_test=False)
        self.assertFalse(user.active)
        self.assertNotIn("paul", user.login)

    def test_new_citizen_is_not_anonymised(self):
        """A citizen just registered, without anything yet, is kept."""
        newcomer = self.env["res.partner"].create(
            {"name": "Nina Nouvelle", "is_citizen": True}
        )
        self.engine._run_retention(NOW)
        self.assertFalse(newcomer.grc_anonymised_date)

    def test_agents_are_never_anonymised(self):
        """A citizen who is also an agent keeps their identity."""
        agent = new_test_user(
            self.env, login="agent-citoyen", groups="grc_citoyen.group_grc_agent"
        )
        agent.partner_id.is_citizen = True
        self._known_since(agent.partner_id, datetime(2015, 1, 1))
        self.engine._run_retention(NOW)
        self.assertFalse(agent.partner_id.grc_anonymised_date)


class TestRetentionCron(RetentionCommon):
    """The daily run: batched, idempotent, traced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.requests = cls._finished_request(
            datetime(2018, 1, 10), request_type_id=cls.type_noise.id
        ) | cls._finished_request(
            datetime(2018, 2, 10), request_type_id=cls.type_noise.id
        )
        for request in cls.requests:
            request.message_post(body="Merci", attachments=[("plan.pdf", b"%PDF-")])
        cls._known_since(cls.citizen, datetime(2015, 1, 1))

    def test_two_runs_and_a_trace_each(self):
        """The first run anonymises and logs its counts, the second finds
        nothing; both leave a trace."""
        logs = self.env["grc.retention.log"]
        with self.assertLogs(
            "odoo.addons.grc_citoyen_privacy.models.grc_retention_log", logging.INFO
        ) as captured:
            first = self.engine._cron_anonymise_expired()
            second = self.engine._cron_anonymise_expired()
        self.assertEqual(len(captured.output), 2)
        self.assertEqual(logs.search([]), first | second)
        self.assertEqual(
            (first.trigger, first.request_count, first.citizen_count),
            ("cron", 2, 1),
        )
        self.assertEqual(
            (second.request_count, second.interaction_count, second.citizen_count),
            (0, 0, 0),
        )
        self.assertTrue(all(self.requests.mapped("grc_anonymised_date")))

    def test_batches_leave_the_rest_for_the_next_run(self):
        """With a batch of one, the first run reports what is left."""
        first = self.engine._cron_anonymise_expired(batch_size=1)
        self.assertEqual((first.request_count, first.remaining_count), (1, 1))
        oldest = self.requests.sorted("closure_date")[0]
        self.assertEqual(self.requests.filtered("grc_anonymised_date"), oldest)
        second = self.engine._cron_anonymise_expired(batch_size=1)
        self.assertEqual((second.request_count, second.remaining_count), (1, 0))

    def test_logs_are_for_administrators_only(self):
        """A service agent cannot read the anonymisation log; an admin can."""
        log = self.engine._cron_anonymise_expired()
        manager = new_test_user(
            self.env, login="log-manager", groups="grc_citoyen.group_grc_manager"
        )
        admin = new_test_user(
            self.env, login="log-admin", groups="grc_citoyen.group_grc_admin"
        )
        with self.assertRaises(AccessError):
            log.with_user(manager).read(["request_count"])
        self.assertEqual(log.with_user(admin).request_count, 2)
        with self.assertRaises(AccessError):
            log.with_user(admin).write({"request_count": 0})

    def test_the_cron_exists(self):
        """The daily job calls the engine."""
        cron = self.env.ref("grc_citoyen_privacy.ir_cron_grc_retention")
        self.assertEqual(cron.model_id.model, "grc.retention.engine")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
