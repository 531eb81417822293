# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import csv
import io
import json
import random
from datetime import date, datetime

from odoo.tests import HttpCase, tagged

from odoo.addons.grc_citoyen.tests.common import GrcCommon

from ..models.grc_public_statistics import SMALL_CELL, suppressed_cells

PUBLICATION = date(2026, 4, 1)


def recoverable(counts, hidden, minimum=1):
    """Hidden cells whose value follows from the published total and cells.

    The hidden cells add up to what the total leaves; each is at least
    ``minimum`` (a row is only published for a category that has requests),
    with no upper bound known. A cell can take every value from ``minimum``
    to what is left once the others have their minimum: it is recoverable
    when that range holds one value.
    """
    rest = sum(counts[i] for i in hidden)
    highest = rest - (len(hidden) - 1) * minimum
    return set(hidden) if hidden and highest == minimum else set()


class TestSuppression(GrcCommon):
    def test_no_hidden_cell_can_be_worked_out(self):
        """On random columns, every small cell is hidden and none of the
        hidden ones follows from the total and the others."""
        rng = random.Random(14)
        for __ in range(300):
            counts = [rng.choice([1, 2, 3, 4, 5, 6, 8, 12, 30]) for __ in range(5)]
            hidden = suppressed_cells(counts)
            self.assertTrue(
                {i for i, c in enumerate(counts) if c < SMALL_CELL} <= hidden
            )
            if sum(counts) >= SMALL_CELL:
                self.assertFalse(recoverable(counts, hidden), (counts, hidden))

    def test_the_reported_leak(self):
        """1,436 requests, one category of 1: hiding it alone gave it away."""
        counts = [1435, 1]
        self.assertEqual(recoverable(counts, {1}), {1})
        hidden = suppressed_cells(counts)
        self.assertEqual(hidden, {0, 1})
        self.assertFalse(recoverable(counts, hidden))
        # Two hidden ones adding up to 2: one each.
        self.assertEqual(recoverable([40, 1, 1], {1, 2}), {1, 2})
        self.assertFalse(recoverable([40, 1, 1], suppressed_cells([40, 1, 1])))


class OpenDataCommon(GrcCommon):
    """March 2026: 20 requests of "Voirie", 3 of "Écoles", 6 of "Sports"."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.resource_calendar_id.tz = "Europe/Paris"
        cls.categories = {
            name: cls.env["helpdesk.ticket.category"].create({"name": name})
            for name in ("Voirie", "Écoles", "Sports")
        }
        values = []
        for name, count in (("Voirie", 20), ("Écoles", 3), ("Sports", 6)):
            for index in range(count):
                values.append(
                    {
                        "name": "Demande",
                        "description": "<p>Demande</p>",
                        "partner_id": cls.citizen.id,
                        "request_type_id": cls.type_lamp.id,
                        "team_id": cls.team_voirie.id,
                        "category_id": cls.categories[name].id,
                        "received_date": datetime(2026, 3, 2 + index, 10, 0),
                    }
                )
        cls.requests = cls.env["helpdesk.ticket"].create(values)

    def _statistics(self):
        return self.env["grc.public.statistics"]._compute_public_statistics(
            self.env.company.id, PUBLICATION, "en_US"
        )


class TestOpenData(OpenDataCommon):
    def test_page_hides_the_cell_that_would_give_the_small_one(self):
        """The small category is hidden, and the next smallest with it."""
        statistics = self._statistics()
        table = next(t for t in statistics["tables"] if t["key"] == "category_id")
        rows = dict(table["rows"])
        self.assertEqual(rows["Voirie"][0], "20")
        self.assertEqual(rows["Écoles"][0], "fewer than 5")
        self.assertEqual(rows["Sports"][0], "not published")
        summary = next(t for t in statistics["tables"] if t["key"] == "summary")
        self.assertEqual(summary["rows"][0][1][0], "29")

    def test_records_leave_nothing_recoverable(self):
        """In the open data, each breakdown's hidden cells cannot be worked out
        from its total."""
        records = self._statistics()["records"]
        total = next(r for r in records if r["dimension"] == "total")
        self.assertEqual(total["received"], 29)
        for dimension in ("month", "category", "channel"):
            rows = [r for r in records if r["dimension"] == dimension]
            shown = sum(r["received"] for r in rows if r["received"] is not None)
            hidden = [r for r in rows if r["received"] is None]
            self.assertNotEqual(len(hidden), 1, dimension)
            if hidden:
                self.assertGreaterEqual(total["received"] - shown, SMALL_CELL)
                self.assertGreater(total["received"] - shown, len(hidden))
        categories = {r["label"]: r for r in records if r["dimension"] == "category"}
        self.assertEqual(categories["Voirie"]["received"], 20)
        self.assertIsNone(categories["Écoles"]["received"])
        self.assertIsNone(categories["Sports"]["received"])
        self.assertIsNone(categories["Sports"]["closed_to_date"])
        months = [r["label"] for r in records if r["dimension"] == "month"]
        self.assertEqual(months, ["2026-03"])


@tagged("post_install", "-at_install")
class TestOpenDataDownloads(OpenDataCommon, HttpCase):
    def test_csv_json_and_schema(self):
        """CSV and JSON carry the same records, the licence, the period and
        the publication date; the schema describes every column."""
        schema = self.url_open("/statistiques/schema.json").json()
        names = [field["name"] for field in schema["fields"]]
        self.assertEqual(schema["licenses"][0]["name"], "etalab-2.0")
        response = self.url_open("/statistiques/donnees.csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn("text/csv", response.headers["Content-Type"])
        self.assertIn("attachment", response.headers["Content-Disposition"])
        rows = list(csv.DictReader(io.StringIO(response.text)))
        self.assertEqual(list(rows[0]), names)
        data = self.url_open("/statistiques/donnees.json").json()
        self.assertIn("Licence Ouverte", data["licence"]["name"])
        self.assertTrue(data["schema"].endswith("/statistiques/schema.json"))
        today = date.today()
        self.assertEqual(data["publication_date"], today.replace(day=1).isoformat())
        self.assertEqual(len(data["data"]), len(rows))
        for record, row in zip(data["data"], rows, strict=True):
            for name in names:
                value = record[name]
                self.assertEqual(row[name], "" if value is None else str(value))
        self.assertNotIn(self.citizen.name, response.text)
        self.assertNotIn(self.citizen.name, json.dumps(data))
        page = self.url_open("/statistiques").text
        self.assertIn('href="/statistiques/donnees.csv"', page)
        self.assertIn("Licence Ouverte", page)
