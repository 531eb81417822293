# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import io
import re

import xlsxwriter

from odoo import api, fields, models
from odoo.exceptions import AccessError

# Characters Excel refuses in a sheet's name, and its length.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31


class GrcFormExport(models.AbstractModel):
    """The answers to a démarche's form, one request a row and one question
    a column, as an xlsx workbook (Excel, LibreOffice). Only the requests the
    user may read are in it (their record rules), and nothing is stored: the
    workbook is built for the download. Every text a citizen typed is written
    as text, never as a formula."""

    _name = "grc.form.export"
    _description = "Export of the answers to a démarche's form"

    @api.model
    def _grc_columns(self, request_type, answers):
        """[(key, label)]: the questions of the form as it is now, in its
        order, then those only past versions asked (their label as filed)."""
        columns = {}
        for question in request_type.grc_question_ids:
            if question.kind != "section":
                columns[question.key] = question.name
        for answer in answers.sorted(lambda a: (a.version_id.number, a.sequence)):
            columns.setdefault(answer.key, answer.label)
        return list(columns.items())

    @api.model
    def _grc_xlsx(self, request_type):
        """The workbook (bytes) of the answers to ``request_type``'s form."""
        if not self.env.user.has_group("grc_citoyen.group_grc_agent"):
            raise AccessError(
                self.env._("Only the services' agents may export the answers.")
            )
        tickets = self.env["helpdesk.ticket"].search(
            [("request_type_id", "=", request_type.id)],
            order="received_date, id",
        )
        answers = self.env["grc.form.answer"].search([("ticket_id", "in", tickets.ids)])
        by_ticket = {}
        for answer in answers:
            by_ticket.setdefault(answer.ticket_id.id, {})[answer.key] = answer
        columns = self._grc_columns(request_type, answers)
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
        datetime_format = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        name = SHEET_NAME_FORBIDDEN.sub(" ", request_type.name or "")[:SHEET_NAME_MAX]
        sheet = workbook.add_worksheet(name.strip() or "Demarche")
        headers = [
            self.env._("Reference"),
            self.env._("Received on"),
            self.env._("Citizen"),
            self.env._("Service"),
            self.env._("Stage"),
            self.env._("Version of the form"),
        ] + [label for _key, label in columns]
        for col, header in enumerate(headers):
            sheet.write_string(0, col, header, bold)
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, len(headers) - 1, 20)
        for row, ticket in enumerate(tickets, start=1):
            received = ticket.received_date or ticket.create_date
            sheet.write_string(row, 0, ticket.number or "")
            if received:
                local = fields.Datetime.context_timestamp(ticket, received)
                sheet.write_datetime(
                    row, 1, local.replace(tzinfo=None), datetime_format
                )
            sheet.write_string(row, 2, ticket.partner_id.name or "")
            sheet.write_string(row, 3, ticket.team_id.name or "")
            sheet.write_string(row, 4, ticket.stage_id.name or "")
            if ticket.grc_form_version_id:
                sheet.write_number(row, 5, ticket.grc_form_version_id.number)
            filed = by_ticket.get(ticket.id, {})
            for offset, (key, _label) in enumerate(columns):
                answer = filed.get(key)
                if answer:
                    self._grc_write_answer(sheet, row, 6 + offset, answer, date_format)
        workbook.close()
        return output.getvalue()

    @api.model
    def _grc_write_answer(self, sheet, row, col, answer, date_format):
        """One answer in its cell: numbers and dates as such (they sort and
        add up), everything else as the text filed (never a formula)."""
        if answer.kind == "number":
            sheet.write_number(row, col, answer.value_number)
        elif answer.kind == "date" and answer.value_date:
            sheet.write_datetime(
                row, col, fields.Datetime.to_datetime(answer.value_date), date_format
            )
        elif answer.kind == "text":
            sheet.write_string(row, col, answer.value_text or "")
        else:
            sheet.write_string(row, col, answer.display_value or "")
