# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Satisfaction figures recomputed here from the answers written below."""

import io
from datetime import date

import openpyxl
import pytz

from odoo.exceptions import AccessError

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_pilotage.tests.common import KpiFixtures
from odoo.addons.grc_reclamations.tests.common import paris

PARIS = pytz.timezone("Europe/Paris")

# (type, Paris time of the invitation, score or None, comment)
ANSWERS = [
    ("lamp", (2026, 3, 2, 10, 0), 9, "Très rapide, merci."),
    ("lamp", (2026, 3, 3, 10, 0), 8, ""),
    ("lamp", (2026, 3, 10, 10, 0), 4, "Trop long. Appelez-moi au 06 12 34 56 78."),
    ("lamp", (2026, 3, 20, 10, 0), 6, None),
    # 23:30 on March 31st in Paris: still March.
    ("lamp", (2026, 3, 31, 23, 30), None, None),
    (
        "lamp",
        (2026, 4, 2, 10, 0),
        10,
        "Hélène Núñez, helene.nunez@example.fr : parfait",
    ),
    ("help", (2026, 3, 5, 10, 0), 2, "Dossier perdu."),
]


def local_month(moment):
    return date(moment[0], moment[1], 1)


class TestKpiSatisfaction(KpiFixtures, GrcCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Europe/Paris"
        cls._create_kpi_catalogue()
        cls._create_kpi_readers("satisf")
        types = {"lamp": cls.type_lamp, "help": cls.type_help}
        cls.tickets = cls.env["helpdesk.ticket"]
        for kind, invited, score, comment in ANSWERS:
            rtype = types[kind]
            ticket = cls._create_request(
                request_type_id=rtype.id, team_id=rtype.team_id.id
            )
            answer = ticket._grc_satisfaction_invite()
            # The invitation's date as if sent then (create_date is the
            # transaction's).
            cls.env.flush_all()
            cls.env.cr.execute(
                "UPDATE survey_user_input SET create_date = %s WHERE id = %s",
                [paris(*invited), answer.id],
            )
            if score is not None:
                values = {"satisfaction_score": score}
                if comment is not None:
                    values["satisfaction_comment"] = comment
                ticket._grc_store_satisfaction(values)
            cls.tickets |= ticket
        cls.env.invalidate_all()

    def _expected(self, kinds, month):
        rows = [a for a in ANSWERS if a[0] in kinds and local_month(a[1]) == month]
        scores = [a[2] for a in rows if a[2] is not None]
        return {
            "invited": len(rows),
            "answered": len(scores),
            "score": sum(scores) / len(scores),
            "response_rate": 100.0 * len(scores) / len(rows),
            "satisfied_rate": 100.0 * sum(s >= 8 for s in scores) / len(scores),
            "dissatisfied_rate": 100.0 * sum(s <= 4 for s in scores) / len(scores),
        }

    def _read(self, user=None, groupby=("month:month",)):
        Kpi = self.env["grc.kpi.satisfaction"]
        if user:
            Kpi = Kpi.with_user(user)
        groups = Kpi._read_group(
            [("request_type_id", "in", (self.type_lamp | self.type_help).ids)],
            groupby=list(groupby),
            aggregates=[
                "__count",
                "answered_count:sum",
                "score:avg",
                "response_rate:avg",
                "satisfied_rate:avg",
                "dissatisfied_rate:avg",
            ],
        )
        keys = (
            "invited",
            "answered",
            "score",
            "response_rate",
            "satisfied_rate",
            "dissatisfied_rate",
        )
        return {row[0]: dict(zip(keys, row[1:], strict=True)) for row in groups}

    def _assert_figures(self, got, expected):
        for key, value in expected.items():
            self.assertAlmostEqual(got[key], value, msg=key)

    def test_figures_per_month(self):
        """Average score, response rate, satisfied and dissatisfied shares per
        month of invitation, in Paris time."""
        admin = self._read()
        steering = self._read(self.steering_user)
        for month in (date(2026, 3, 1), date(2026, 4, 1)):
            self._assert_figures(admin[month], self._expected({"lamp", "help"}, month))
            self._assert_figures(steering[month], self._expected({"lamp"}, month))
        # March for a steering user: 4 answers of 5 invitations, 9, 8, 4, 6.
        self._assert_figures(
            steering[date(2026, 3, 1)],
            {
                "invited": 5,
                "answered": 4,
                "score": 6.75,
                "response_rate": 80.0,
                "satisfied_rate": 50.0,
                "dissatisfied_rate": 25.0,
            },
        )

    def test_figures_per_service_type_and_channel(self):
        """The same figures per service, type and channel."""
        lamp = [a for a in ANSWERS if a[0] == "lamp"]
        for field, key, answers in (
            ("team_id", self.team_voirie, lamp),
            ("request_type_id", self.type_lamp, lamp),
            # Every request of the test came through the same channel.
            ("channel_id", self.tickets[0].channel_id, ANSWERS),
        ):
            figures = self._read(groupby=(field,))[key]
            scores = [a[2] for a in answers if a[2] is not None]
            self.assertEqual(figures["invited"], len(answers), field)
            self.assertEqual(figures["answered"], len(scores), field)
            self.assertAlmostEqual(figures["score"], sum(scores) / len(scores))
            self.assertAlmostEqual(
                figures["satisfied_rate"],
                100.0 * sum(s >= 8 for s in scores) / len(scores),
            )

    def test_workbook_sheet_and_chart(self):
        """The workbook's satisfaction sheet, read back with its chart."""
        content = self.env["grc.kpi.xlsx"]._generate(
            date(2026, 3, 1), date(2026, 4, 30), self.env["helpdesk.ticket.team"]
        )
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames[-2:], ["Satisfaction", "Definitions"])
        sheet = book["Satisfaction"]
        rows = {
            row[0].date(): row[1:]
            for row in sheet.iter_rows(min_row=4, values_only=True)
        }
        for month in (date(2026, 3, 1), date(2026, 4, 1)):
            want = self._expected({"lamp", "help"}, month)
            got = rows[month]
            self.assertEqual(got[:2], (want["invited"], want["answered"]))
            for index, key in enumerate(
                ("response_rate", "score", "satisfied_rate", "dissatisfied_rate"),
                start=2,
            ):
                self.assertAlmostEqual(got[index], want[key], msg=key)
        self.assertEqual(len(sheet._charts), 1)
        chart = sheet._charts[0]
        self.assertEqual(type(chart).__name__, "LineChart")
        self.assertEqual(len(chart.series), 3)
        for series in chart.series:
            reference = series.val.numRef.f.replace("'", "")
            self.assertTrue(reference.startswith("Satisfaction!$"), reference)
            self.assertTrue(reference.endswith(f"${sheet.max_row}"), reference)

    def test_comments_without_personal_data(self):
        """Managers read the comments without the citizen's name, e-mail
        address or phone number."""
        rows = self.env["grc.kpi.satisfaction"].search(
            [("id", "in", self.tickets.ids), ("has_comment", "=", True)]
        )
        comments = set(rows.mapped("comment"))
        self.assertEqual(
            comments,
            {
                "Très rapide, merci.",
                "Trop long. Appelez-moi au […].",
                "[…], […] : parfait",
                "Dossier perdu.",
            },
        )
        bands = dict(
            zip(rows.mapped("comment"), rows.mapped("score_band"), strict=True)
        )
        self.assertEqual(bands["Trop long. Appelez-moi au […]."], "dissatisfied")
        self.assertEqual(bands["[…], […] : parfait"], "satisfied")

    def test_confidential_rows_and_access(self):
        """A steering user outside the confidential service does not read its
        citizens' comments; other users read nothing, nobody writes."""
        Kpi = self.env["grc.kpi.satisfaction"]
        domain = [("team_id", "=", self.team_ccas.id)]
        self.assertEqual(Kpi.search_count(domain), 1)
        self.assertFalse(Kpi.with_user(self.steering_user).search_count(domain))
        with self.assertRaises(AccessError):
            Kpi.with_user(self.frontdesk_user).search([])
        row = Kpi.search([("id", "in", self.tickets.ids)], limit=1)
        with self.assertRaises(AccessError):
            row.with_user(self.steering_user).write({"comment": "x"})
