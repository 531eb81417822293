# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
from datetime import date

from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.sql_db import db_connect

from .common import GrcCommon

THREADS = 6
REFERENCES_PER_THREAD = 20


class TestRequestReferenceConcurrency(GrcCommon):
    def _draw_references(self, barrier, results, errors):
        """Draw references in a transaction of its own, as a worker would."""
        try:
            with db_connect(self.env.cr.dbname).cursor() as cr:
                # Reuse the loaded registry: looking it up by name waits for
                # the registry lock, held while modules are installed.
                cr.transaction = api.Transaction(self.env.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                tickets = env["helpdesk.ticket"]
                barrier.wait(timeout=10)
                drawn = [
                    tickets._prepare_ticket_number({})
                    for _i in range(REFERENCES_PER_THREAD)
                ]
                # Nothing is kept: the numbers were handed out all the same.
                cr.rollback()
            results.extend(drawn)
        except Exception as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    def test_concurrent_references_are_distinct(self):
        """Workers drawing references at the same time never get the same one."""
        with db_connect(self.env.cr.dbname).cursor() as cr:
            cr.execute(
                """SELECT 1 FROM ir_sequence_date_range r
                     JOIN ir_sequence s ON s.id = r.sequence_id
                    WHERE s.code = 'grc.request'
                      AND r.date_from <= %(today)s AND r.date_to >= %(today)s""",
                {"today": fields.Date.today()},
            )
            self.assertTrue(
                cr.fetchone(),
                "The year's reference range must exist before requests arrive "
                "(created at install and by the daily cron).",
            )
        barrier = threading.Barrier(THREADS)
        results, errors = [], []
        threads = [
            threading.Thread(
                target=self._draw_references, args=(barrier, results, errors)
            )
            for _i in range(THREADS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=15)
        self.assertFalse(
            [thread for thread in threads if thread.is_alive()], "workers stuck"
        )
        self.assertFalse(errors, errors)
        self.assertEqual(len(results), THREADS * REFERENCES_PER_THREAD)
        self.assertEqual(len(set(results)), len(results), "duplicate references")
        year = fields.Date.today().year
        for reference in results:
            self.assertRegex(reference, rf"^DEM-{year}-\d{{6}}$")

    def test_next_year_range_is_prepared_in_advance(self):
        """The daily cron creates next year's reference range in December."""
        sequence = self.env.ref("grc_citoyen.ir_sequence_grc_request")
        with freeze_time("2031-12-15 10:00:00"):
            self.env["helpdesk.ticket"]._cron_prepare_reference_ranges()
            self.env["helpdesk.ticket"]._cron_prepare_reference_ranges()
        ranges = sequence.date_range_ids.filtered(
            lambda r: r.date_from.year in (2031, 2032)
        )
        self.assertEqual(
            sorted((r.date_from, r.date_to) for r in ranges),
            [
                (date(2031, 1, 1), date(2031, 12, 31)),
                (date(2032, 1, 1), date(2032, 12, 31)),
            ],
        )
