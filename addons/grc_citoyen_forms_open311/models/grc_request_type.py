# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# Kinds of questions -> GeoReport v2 datatypes. Sections are titles; files
# cannot be posted through Open311 (a required file question makes the
# démarche one to file elsewhere, which the intake says).
DATATYPES = {
    "char": "string",
    "email": "string",
    "phone": "string",
    "address": "string",
    "siret": "string",
    "iban": "string",
    "text": "text",
    "number": "number",
    "date": "datetime",
    "selection": "singlevaluelist",
    "boolean": "singlevaluelist",
    "multi": "multivaluelist",
}


class GrcRequestType(models.Model):
    _inherit = "grc.request.type"

    def _grc_open311_attributes(self):
        """The questions of the démarche's form, as they are now (the
        snapshot the intake checks answers with)."""
        attributes = super()._grc_open311_attributes()
        definition = self._grc_form_snapshot()[0]
        for question in definition:
            datatype = DATATYPES.get(question["kind"])
            if not datatype:
                continue
            if question["kind"] == "boolean":
                values = [
                    {"key": "yes", "name": self.env._("Yes")},
                    {"key": "no", "name": self.env._("No")},
                ]
            else:
                values = [
                    {"key": option, "name": option} for option in question["options"]
                ]
            description = question["help"] or None
            if question["kind"] == "date":
                description = " ".join(filter(None, ("YYYY-MM-DD.", description)))
            attributes.append(
                {
                    "variable": True,
                    "code": question["key"],
                    "datatype": datatype,
                    # A question shown only after another answer is required
                    # only then: the intake decides.
                    "required": bool(question["required"] and not question["cond_key"]),
                    "datatype_description": description,
                    "order": len(attributes) + 1,
                    "description": question["label"],
                    "values": values,
                }
            )
        return attributes
