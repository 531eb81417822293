# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

from odoo import models
from odoo.tools import SQL, file_open
from odoo.tools.translate import TranslationFileReader, get_po_paths

# Labels of records that several modules define (a field of helpdesk_mgmt that
# GRC renames) and whose translation the GRC catalogues must give.
SHARED_LABELS = {
    "ir.model.fields,field_description": ("ir.model.fields", "field_description"),
    "ir.model,name": ("ir.model", "name"),
}


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(
        self, modules, langs, overwrite=False, imported_module=False
    ):
        """GRC's words win over those of the modules it builds on.

        A field GRC renames ("Contact" -> "Citizen") is one record with a label
        per module; Odoo keeps the translation loaded first, helpdesk_mgmt's
        ("Contact"), and leaves ours unused. Once every catalogue is loaded, the
        GRC ones are applied again to these shared labels, then to the stages
        named after their status. The menus each website copied from the
        website's own ("Home", "Contact us") get their translations too.
        """
        res = super()._load_module_terms(
            modules,
            langs,
            overwrite=overwrite,
            imported_module=imported_module,
        )
        grc_modules = [name for name in modules if name.startswith("grc_")]
        langs = [lang for lang in langs if lang != "en_US"]
        if grc_modules and langs and not imported_module:
            for module in grc_modules:
                for lang in langs:
                    self._grc_apply_shared_labels(module, lang)
            self.env["helpdesk.ticket.stage"]._grc_translate_status_names(langs)
        if langs and not imported_module and "website" in modules:
            self.env["website.menu"]._grc_translate_website_copies(langs)
        return res

    def _grc_apply_shared_labels(self, module, lang):
        """Apply ``module``'s translations of the labels it shares with another
        module, as long as the English label is still the one it translates."""
        rows = {}
        for po_path in get_po_paths(module, lang):
            with file_open(po_path, mode="rb") as fileobj:
                for row in TranslationFileReader(fileobj, fileformat="po"):
                    target = SHARED_LABELS.get(row.get("name"))
                    if (
                        target
                        and row.get("type") == "model"
                        and row.get("value")
                        and row["module"] == module
                    ):
                        rows.setdefault(target, []).append(
                            SQL(
                                "(%s, %s, %s)",
                                row["imd_name"],
                                row["src"],
                                row["value"],
                            )
                        )
        for (model, column), values in rows.items():
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE %(table)s AS rec
                       SET %(column)s = rec.%(column)s
                           || jsonb_build_object(%(lang)s, t.value)
                      FROM (VALUES %(values)s) AS t(imd_name, src, value),
                           ir_model_data AS imd
                     WHERE imd.module = %(module)s
                       AND imd.name = t.imd_name
                       AND imd.model = %(model)s
                       AND rec.id = imd.res_id
                       AND rec.%(column)s->>'en_US' = t.src
                       AND EXISTS (
                           SELECT 1 FROM ir_model_data other
                            WHERE other.model = imd.model
                              AND other.res_id = imd.res_id
                              AND other.module != imd.module
                       )
                    """,
                    table=SQL.identifier(self.env[model]._table),
                    column=SQL.identifier(column),
                    lang=lang,
                    values=SQL(", ").join(values),
                    module=module,
                    model=model,
                )
            )
        if rows:
            self.env.invalidate_all()
            self.env.registry.clear_cache()
