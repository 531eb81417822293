# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, time, timedelta

from dateutil.easter import easter
from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

# Years covered when the module is installed; the yearly cron extends the range.
HOLIDAY_FIRST_YEAR = 2025
HOLIDAY_LAST_YEAR = 2035
HOLIDAY_YEARS_AHEAD = 10


def french_public_holidays(year):
    """The eleven French public holidays of ``year`` as ``{date: name}``.

    Fixed-date holidays plus those that follow Easter (Monday after Easter,
    Ascension Thursday 39 days after, Whit Monday 50 days after).
    """
    easter_sunday = easter(year)
    return {
        date(year, 1, 1): _lt("New Year's Day"),
        easter_sunday + timedelta(days=1): _lt("Easter Monday"),
        date(year, 5, 1): _lt("Labour Day"),
        date(year, 5, 8): _lt("Victory in Europe Day"),
        easter_sunday + timedelta(days=39): _lt("Ascension Day"),
        easter_sunday + timedelta(days=50): _lt("Whit Monday"),
        date(year, 7, 14): _lt("Bastille Day"),
        date(year, 8, 15): _lt("Assumption Day"),
        date(year, 11, 1): _lt("All Saints' Day"),
        date(year, 11, 11): _lt("Armistice Day"),
        date(year, 12, 25): _lt("Christmas Day"),
    }


class ResourceCalendar(models.Model):
    """Working calendars carry the French public holidays as global leaves,
    so that every deadline counted in working time skips them."""

    _inherit = "resource.calendar"

    grc_french_holidays = fields.Boolean(
        string="French public holidays",
        default=True,
        help="Public holidays are generated as closed days of this calendar "
        "(ten years ahead, extended every year). Delete a holiday to work on it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        calendars = super().create(vals_list)
        calendars.filtered("grc_french_holidays")._grc_generate_french_holidays()
        return calendars

    def write(self, vals):
        res = super().write(vals)
        # Deadlines cache the working intervals of calendars (grc.sla.engine).
        self.env.registry.clear_cache()
        if "tz" in vals:
            # Holidays are whole local days: follow the calendar's time zone.
            leaves = self.env["resource.calendar.leaves"].search(
                [("calendar_id", "in", self.ids), ("grc_public_holiday", "!=", False)]
            )
            for leave in leaves:
                leave.write(
                    leave.calendar_id._grc_holiday_bounds(leave.grc_public_holiday)
                )
        if vals.get("grc_french_holidays"):
            self._grc_generate_french_holidays()
        return res

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.model
    def _grc_generate_french_holidays_all(self):
        """Generate the holidays of every calendar that wants them (data and cron).

        Safe to run any number of times: a year already generated for a
        calendar is left as it is, so a holiday deleted on purpose stays deleted.
        """
        calendars = self.search([("grc_french_holidays", "=", True)])
        calendars._grc_generate_french_holidays()
        return True

    def _grc_generate_french_holidays(self, years=None):
        if not self:
            return self.env["resource.calendar.leaves"]
        if years is None:
            last = max(HOLIDAY_LAST_YEAR, date.today().year + HOLIDAY_YEARS_AHEAD)
            years = range(HOLIDAY_FIRST_YEAR, last + 1)
        existing = self.env["resource.calendar.leaves"]._read_group(
            [
                ("calendar_id", "in", self.ids),
                ("grc_public_holiday", "!=", False),
                ("resource_id", "=", False),
            ],
            groupby=["calendar_id", "grc_public_holiday:year"],
        )
        done = {(calendar.id, year.year) for calendar, year in existing}
        vals_list = []
        for calendar in self:
            for year in years:
                if (calendar.id, year) in done:
                    continue
                for day, name in sorted(french_public_holidays(year).items()):
                    vals_list.append(
                        {
                            "name": self.env._(name),
                            "calendar_id": calendar.id,
                            "company_id": calendar.company_id.id,
                            "resource_id": False,
                            "time_type": "leave",
                            "grc_public_holiday": day,
                            **calendar._grc_holiday_bounds(day),
                        }
                    )
        # sudo: holidays are created whatever the editor's current companies.
        return self.env["resource.calendar.leaves"].sudo().create(vals_list)

    def _grc_holiday_bounds(self, day):
        """The whole local day, as naive UTC datetimes."""
        self.ensure_one()
        tz = timezone(self.tz or "UTC")
        start = tz.localize(datetime.combine(day, time.min))
        end = tz.localize(datetime.combine(day, time.max.replace(microsecond=0)))
        return {
            "date_from": start.astimezone(utc).replace(tzinfo=None),
            "date_to": end.astimezone(utc).replace(tzinfo=None),
        }

    @api.constrains("attendance_ids", "flexible_hours")
    def _check_service_calendar_has_hours(self):
        # sudo: every service using the calendar, whatever the editor's teams.
        teams = (
            self.env["helpdesk.ticket.team"]
            .sudo()
            .search([("resource_calendar_id", "in", self.ids)])
        )
        for calendar in teams.resource_calendar_id:
            if not calendar.flexible_hours and not calendar.attendance_ids:
                raise ValidationError(
                    self.env._(
                        "The working calendar %(calendar)s is used by services "
                        "(%(services)s): it needs working hours to count deadlines.",
                        calendar=calendar.display_name,
                        services=", ".join(
                            teams.filtered(
                                lambda t, c=calendar: t.resource_calendar_id == c
                            ).mapped("name")
                        ),
                    )
                )
