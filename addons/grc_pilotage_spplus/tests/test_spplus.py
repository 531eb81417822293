# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The Services Publics+ figures of 2025, recomputed here from the rows
written below (in Paris wall-clock time, year boundaries included), and the
self-assessment that carries them: workbook, PDF, access."""

import base64
import io
from datetime import datetime

import openpyxl
import pytz

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon

PARIS = pytz.timezone("Europe/Paris")


def paris(*args):
    return PARIS.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


# Each request: service, channel, state, received, done, deadline, first
# answer, first-answer deadline, survey score, survey answer date (Paris).
REQUESTS = [
    # answered by its deadline
    (
        "voirie",
        "web",
        "resolved",
        (2025, 3, 1, 9),
        (2025, 3, 10, 10),
        (2025, 3, 12, 18),
        None,
        None,
        9,
        (2025, 2, 20, 10),
    ),
    # answered after it
    (
        "voirie",
        "web",
        "resolved",
        (2025, 3, 2, 9),
        (2025, 3, 15, 10),
        (2025, 3, 12, 18),
        None,
        None,
        8,
        (2025, 7, 1, 10),
    ),
    # 23:30 on 31 December in Paris: still 2025
    (
        "voirie",
        "web",
        "closed",
        (2025, 12, 1, 9),
        (2025, 12, 31, 23, 30),
        (2026, 1, 5, 18),
        None,
        None,
        4,
        (2025, 8, 1, 10),
    ),
    # 00:30 on 1 January in Paris: 2026 (23:30 UTC on 31 December)
    (
        "voirie",
        "web",
        "resolved",
        (2025, 12, 2, 9),
        (2026, 1, 1, 0, 30),
        (2025, 12, 20, 18),
        None,
        None,
        10,
        (2026, 1, 1, 0, 30),
    ),
    # cancelled: neither on time nor late
    (
        "voirie",
        "web",
        "cancelled",
        (2025, 4, 2, 9),
        (2025, 5, 1, 10),
        (2025, 4, 20, 18),
        None,
        None,
        None,
        None,
    ),
    # a confidential service's request: counted for the authority
    (
        "ccas",
        "web",
        "resolved",
        (2025, 5, 20, 9),
        (2025, 6, 1, 10),
        (2025, 6, 10, 18),
        None,
        None,
        7,
        (2025, 9, 1, 10),
    ),
    # still open
    (
        "voirie",
        "web",
        "in_progress",
        (2025, 6, 2, 9),
        None,
        (2025, 6, 20, 18),
        None,
        None,
        None,
        None,
    ),
    # e-mails: first answer after 2 days (late), after 1 day (in time), none
    (
        "voirie",
        "email",
        "in_progress",
        (2025, 4, 1, 9),
        None,
        None,
        (2025, 4, 3, 9),
        (2025, 4, 2, 9),
        None,
        None,
    ),
    (
        "voirie",
        "email",
        "in_progress",
        (2025, 4, 10, 9),
        None,
        None,
        (2025, 4, 11, 9),
        (2025, 4, 11, 12),
        None,
        None,
    ),
    (
        "ccas",
        "email",
        "in_progress",
        (2025, 11, 1, 9),
        None,
        None,
        None,
        (2025, 11, 5, 9),
        None,
        None,
    ),
    # a letter answered after 5 days, no first-answer deadline
    (
        "voirie",
        "post",
        "in_progress",
        (2025, 5, 1, 9),
        None,
        None,
        (2025, 5, 6, 9),
        None,
        None,
        None,
    ),
]
# Each call: service, direction, outcome, start (Paris).
CALLS = [
    ("voirie", "inbound", "answered", (2025, 1, 2, 9)),
    ("voirie", "inbound", "answered", (2025, 6, 2, 9)),
    ("voirie", "inbound", "missed", (2025, 6, 3, 9)),
    (None, "inbound", "answered", (2025, 12, 31, 23, 30)),
    ("ccas", "inbound", "missed", (2025, 7, 1, 9)),
    ("voirie", "outbound", "answered", (2025, 7, 1, 10)),
    # 23:30 on 31 December 2024 in Paris: 2024
    ("voirie", "inbound", "missed", (2024, 12, 31, 23, 30)),
]


def in_2025(moment):
    return moment is not None and moment[0] == 2025


def expected(services):
    """The figures of 2025 for requests and calls of ``services``, counted
    on the rows above, in local time, without the database."""
    answered = [
        r
        for r in REQUESTS
        if r[0] in services and r[2] in ("resolved", "closed") and in_2025(r[4])
    ]
    on_time = [r for r in answered if r[4] <= r[5]]
    scores = [r[8] for r in REQUESTS if r[0] in services and in_2025(r[9])]
    calls = [
        c for c in CALLS if c[0] in services and c[1] == "inbound" and in_2025(c[3])
    ]
    figures = {
        "on_time": (len(on_time), len(answered)),
        "satisfied": (sum(1 for s in scores if s >= 8), len(scores)),
        "pickup": (sum(1 for c in calls if c[2] == "answered"), len(calls)),
    }
    for key, channel in (("email_delay", "email"), ("letter_delay", "post")):
        rows = [
            r
            for r in REQUESTS
            if r[0] in services and r[1] == channel and in_2025(r[3])
        ]
        delays = [
            (datetime(*r[6]) - datetime(*r[3])).total_seconds() / 86400
            for r in rows
            if r[6]
        ]
        known = [r for r in rows if r[7]]
        in_time = [r for r in known if r[6] and r[6] <= r[7]]
        figures[key] = (
            sum(delays) / len(delays) if delays else None,
            len(delays),
            100.0 * len(in_time) / len(known) if known else None,
        )
    return figures


class TestSpplus(GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Europe/Paris"
        ref = cls.env.ref
        channels = {
            "web": ref("helpdesk_mgmt.helpdesk_ticket_channel_web"),
            "email": ref("helpdesk_mgmt.helpdesk_ticket_channel_email"),
            "post": ref("grc_citoyen.helpdesk_ticket_channel_post"),
        }
        cls.teams = {"voirie": cls.team_voirie, "ccas": cls.team_ccas, None: None}
        for row in REQUESTS:
            service, channel, state, received, done, deadline, first, first_dl = row[:8]
            score, answered_on = row[8:]
            ticket = cls._create_request(channel_id=channels[channel].id)
            cls.env.flush_all()
            cls.env.cr.execute(
                "UPDATE helpdesk_ticket SET team_id = %s, grc_state = %s, "
                "received_date = %s, grc_done_date = %s, grc_sla_deadline = %s, "
                "first_response_date = %s, sla_first_response_deadline = %s, "
                "satisfaction_score = %s, satisfaction_date = %s WHERE id = %s",
                [
                    cls.teams[service].id,
                    state,
                    paris(*received),
                    done and paris(*done),
                    deadline and paris(*deadline),
                    first and paris(*first),
                    first_dl and paris(*first_dl),
                    score,
                    answered_on and paris(*answered_on),
                    ticket.id,
                ],
            )
        cls.env["grc.phone.call"].create(
            [
                {
                    "team_id": service and cls.teams[service].id,
                    "direction": direction,
                    "status": status,
                    "date": paris(*start),
                }
                for service, direction, status, start in CALLS
            ]
        )
        cls.env.invalidate_all()
        cls.steering = new_test_user(
            cls.env, login="spplus-steering", groups="grc_citoyen.group_grc_steering"
        )
        cls.manager = new_test_user(
            cls.env, login="spplus-manager", groups="grc_citoyen.group_grc_manager"
        )
        cls.team_voirie.user_ids = [(4, cls.manager.id)]
        cls.desk = new_test_user(
            cls.env, login="spplus-desk", groups="grc_citoyen.group_grc_frontdesk"
        )

    def assertFigures(self, lines, services):
        want = expected(services)
        for key in ("on_time", "satisfied", "pickup"):
            part, whole = want[key]
            line = lines[key]
            self.assertEqual((line.numerator, line.denominator), (part, whole), key)
            self.assertTrue(line.has_value, key)
            self.assertAlmostEqual(line.value, 100.0 * part / whole, delta=0.05)
        for key in ("email_delay", "letter_delay"):
            average, count, in_time = want[key]
            line = lines[key]
            self.assertEqual(line.denominator, count, key)
            self.assertAlmostEqual(line.value, average, delta=0.05)
            self.assertEqual(line.has_in_time, in_time is not None, key)
            if in_time is not None:
                self.assertAlmostEqual(line.in_time, in_time, delta=0.05)

    def _lines(self, assessment):
        return {line.code: line for line in assessment.line_ids}

    def test_figures_of_the_year(self):
        whole = self.env["grc.spplus.assessment"].create({"year": 2025})
        self.assertEqual(len(whole.line_ids), 5)
        whole.action_compute()
        self.assertFigures(self._lines(whole), {"voirie", "ccas", None})
        # The hand count of the authority: 2 on time of 4 answered, 3
        # satisfied of 4... written out once, in case both paths drifted alike.
        lines = self._lines(whole)
        self.assertEqual(
            (lines["on_time"].numerator, lines["on_time"].denominator), (3, 4)
        )
        self.assertEqual(lines["pickup"].value, 60.0)
        self.assertEqual(lines["email_delay"].value, 1.5)
        self.assertAlmostEqual(lines["email_delay"].in_time, 33.3, delta=0.05)
        self.assertEqual(lines["letter_delay"].value, 5.0)
        self.assertFalse(lines["letter_delay"].has_in_time)
        # One service: the calls and requests of the roads department only.
        roads = self.env["grc.spplus.assessment"].create(
            {"year": 2025, "team_id": self.team_voirie.id}
        )
        roads.action_compute()
        self.assertFigures(self._lines(roads), {"voirie"})
        # A second assessment of the same year and scope is refused.
        with self.assertRaises(ValidationError):
            self.env["grc.spplus.assessment"].create({"year": 2025})
        # Published: the figures stay as published.
        whole.action_publish()
        with self.assertRaises(UserError):
            whole.action_compute()

    def test_workbook_and_pdf(self):
        assessment = self.env["grc.spplus.assessment"].create(
            {"year": 2025, "summary": '=HYPERLINK("http://x")'}
        )
        assessment.action_compute()
        lines = self._lines(assessment)
        lines["pickup"].write(
            {
                "comment": "=1+1",
                "action": "Renfort à l'accueil téléphonique",
                "target": 90,
            }
        )
        action = assessment.action_export_xlsx()
        self.assertIn("/web/content/", action["url"])
        book = openpyxl.load_workbook(
            io.BytesIO(base64.b64decode(assessment.export_file))
        )
        sheet = book.worksheets[0]
        rows = [
            [cell.value for cell in row]
            for row in sheet.iter_rows(min_row=7, max_row=11)
        ]
        self.assertEqual(len(rows), 5)
        by_name = {row[1]: row for row in rows}
        pickup = by_name[lines["pickup"].name]
        self.assertEqual(pickup[2], 60.0)
        self.assertEqual(pickup[4:6], [3, 5])
        self.assertEqual(pickup[7], 90)
        # A typed text stays text: no formula in the workbook.
        self.assertEqual(pickup[8], "=1+1")
        self.assertEqual(sheet.cell(row=7, column=9).data_type in ("s", "n"), True)
        for row in sheet.iter_rows():
            for cell in row:
                self.assertNotEqual(cell.data_type, "f")
        definitions = dict(book["Definitions"].iter_rows(min_row=2, values_only=True))
        self.assertIn("call log", definitions[lines["pickup"].name])
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(
                "grc_pilotage_spplus.report_grc_spplus_assessment", assessment.ids
            )[0]
            .decode()
        )
        self.assertIn("60.0", html)
        self.assertIn("How the figures are counted", html)
        self.assertIn("Renfort à l&#39;accueil téléphonique", html)
        # Nothing fetched from elsewhere (the summary's text is escaped).
        self.assertNotRegex(html, r"(src|href)=\"(https?:)?//")
        self.assertNotIn('<a href="http://x"', html)

    def test_access(self):
        Assessment = self.env["grc.spplus.assessment"]
        ccas = Assessment.create({"year": 2025, "team_id": self.team_ccas.id})
        roads = Assessment.create({"year": 2025, "team_id": self.team_voirie.id})
        whole = Assessment.create({"year": 2025})
        # A steering reader outside the CCAS: not its assessment.
        self.assertEqual(
            Assessment.with_user(self.steering).search([("year", "=", 2025)]),
            roads | whole,
        )
        with self.assertRaises(AccessError):
            ccas.with_user(self.steering).read(["summary"])
        with self.assertRaises(AccessError):
            ccas.line_ids[0].with_user(self.steering).read(["comment"])
        # ... and no writing.
        with self.assertRaises(AccessError):
            roads.with_user(self.steering).write({"summary": "x"})
        # The roads manager writes theirs, not the CCAS's nor the
        # authority's.
        roads.with_user(self.manager).write({"summary": "Bilan voirie"})
        roads.line_ids[0].with_user(self.manager).write({"comment": "Bien"})
        with self.assertRaises(AccessError):
            ccas.with_user(self.manager).read(["summary"])
        with self.assertRaises(AccessError):
            whole.with_user(self.manager).write({"summary": "x"})
        with self.assertRaises(AccessError):
            Assessment.with_user(self.manager).create(
                {"year": 2024, "team_id": self.team_ccas.id}
            )
        # The front desk does not read them at all.
        with self.assertRaises(AccessError):
            Assessment.with_user(self.desk).search([])
