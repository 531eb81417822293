"""The lint step that keeps import order out of the control flow."""

import importlib.util
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "check_overrides", ROOT / "scripts" / "check_overrides.py"
)
check_overrides = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_overrides)


def _addon(tmp_path, files):
    addon = tmp_path / "grc_sample"
    for name, body in files.items():
        path = addon / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    return addon


TICKET_WRITE = """
    from odoo import models

    class HelpdeskTicket(models.Model):
        _inherit = "helpdesk.ticket"

        def write(self, vals):
            return super().write(vals)
"""


def test_two_classes_overriding_write_fail(tmp_path, capsys):
    addon = _addon(
        tmp_path,
        {"models/a.py": TICKET_WRITE, "models/b.py": TICKET_WRITE},
    )
    assert check_overrides.main([str(addon)]) == 1
    out = capsys.readouterr().out
    assert "helpdesk.ticket.write is overridden by 2 classes" in out
    assert "models/a.py:HelpdeskTicket" in out and "models/b.py:HelpdeskTicket" in out


def test_one_override_per_model_passes(tmp_path):
    other = """
        from odoo import models

        class ResPartner(models.Model):
            _inherit = ["res.partner"]

            def write(self, vals):
                return super().write(vals)

        class Reclamation(models.Model):
            _name = "grc.reclamation"
            _inherit = ["mail.thread", "grc.reclamation.workflow"]

            def write(self, vals):
                return super().write(vals)
    """
    addon = _addon(
        tmp_path,
        {
            "models/a.py": TICKET_WRITE,
            "models/b.py": other,
            # tests may subclass freely
            "tests/test_x.py": TICKET_WRITE,
        },
    )
    assert check_overrides.main([str(addon)]) == 0


def test_the_addons_of_the_suite_pass():
    addons = sorted(p.parent for p in (ROOT / "addons").glob("*/__manifest__.py"))
    assert addons
    assert check_overrides.main([str(p) for p in addons]) == 0
