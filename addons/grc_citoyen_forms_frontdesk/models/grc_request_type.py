# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import fields, models
from odoo.exceptions import UserError

# The kind of property an agent answers each kind of question with; file
# questions are files the agent adds (grc.frontdesk.form.file).
PROPERTY_TYPES = {
    "char": "char",
    "text": "char",
    "email": "char",
    "phone": "char",
    "address": "char",
    "siret": "char",
    "iban": "char",
    "date": "date",
    "selection": "selection",
    "boolean": "selection",
    "multi": "tags",
}


class GrcRequestType(models.Model):
    """A démarche's questions as the front-desk console asks them: the
    definition of the console's answers (a ``Properties`` field), made from
    the form (``grc.form.question``), never edited in the console."""

    _inherit = "grc.request.type"

    grc_desk_form_definition = fields.PropertiesDefinition(
        string="Questions at the front desk",
        compute="_compute_grc_desk_form_definition",
        inverse="_inverse_grc_desk_form_definition",
    )

    def _compute_grc_desk_form_definition(self):
        for request_type in self:
            request_type.grc_desk_form_definition = request_type._grc_desk_properties(
                request_type._grc_form_definition()
            )

    def _inverse_grc_desk_form_definition(self):
        raise UserError(
            self.env._(
                "The questions of a démarche are changed in its form "
                "(Configuration > Request types), not at the front desk."
            )
        )

    def _grc_desk_label(self, question, labels):
        """The question's label, saying what the portal says around it: that
        it is required, and which answer shows it."""
        label = question["label"]
        if question["required"]:
            label = self.env._("%(label)s (required)", label=label)
        if question["cond_key"]:
            value = question["cond_value"]
            if value in ("yes", "no"):
                value = self.env._("Yes") if value == "yes" else self.env._("No")
            label = self.env._(
                "%(label)s, only if “%(question)s” is “%(value)s”",
                label=label,
                question=labels.get(question["cond_key"], ""),
                value=value,
            )
        return label

    def _grc_desk_properties(self, definition):
        """The properties definition of ``definition`` (the form as the
        engine reads it): one property per question (by its key), one
        separator per section; file questions are left to the files."""
        labels = {question["key"]: question["label"] for question in definition}
        properties = []
        for question in definition:
            kind = question["kind"]
            if kind == "section":
                properties.append(
                    {
                        "name": f"section_{question['id']}",
                        "type": "separator",
                        "string": question["label"],
                    }
                )
                continue
            if kind not in PROPERTY_TYPES and kind != "number":
                continue
            prop = {
                "name": question["key"],
                "string": self._grc_desk_label(question, labels),
                "type": PROPERTY_TYPES.get(kind)
                or ("integer" if question["integer"] else "float"),
            }
            if kind == "selection":
                prop["selection"] = [[option, option] for option in question["options"]]
            elif kind == "boolean":
                prop["selection"] = [
                    ["yes", self.env._("Yes")],
                    ["no", self.env._("No")],
                ]
            elif kind == "multi":
                prop["tags"] = [
                    [option, option, index % 11 + 1]
                    for index, option in enumerate(question["options"])
                ]
            properties.append(prop)
        return properties
