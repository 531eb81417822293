"""The lint step that makes every sudo() say why."""

import importlib.util
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location(
    "check_sudo", ROOT / "scripts" / "check_sudo.py"
)
check_sudo = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_sudo)


def _addon(tmp_path, files):
    addon = tmp_path / "grc_sample"
    for name, body in files.items():
        path = addon / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
    return addon


def test_sudo_without_reason_fails(tmp_path, capsys):
    addon = _addon(
        tmp_path,
        {
            "models/a.py": """
                def read_types(env):
                    return env["grc.request.type"].sudo().search([])
            """
        },
    )
    assert check_sudo.main([str(addon)]) == 1
    assert "models/a.py:3: sudo() without its reason" in capsys.readouterr().out


def test_reason_on_the_line_or_just_above_passes(tmp_path):
    addon = _addon(
        tmp_path,
        {
            "models/a.py": """
                def read_types(env):
                    # sudo: visitors may not read request types; the form
                    # shows the published ones.
                    types = (
                        env["grc.request.type"]
                        .sudo()
                        .search([])
                    )
                    rule = env["grc.routing.rule"].sudo()  # every rule routes
                    return types, rule
            """
        },
    )
    assert check_sudo.main([str(addon)]) == 0


def test_reason_too_far_above_or_without_the_word_fails(tmp_path):
    addon = _addon(
        tmp_path,
        {
            "models/a.py": """
                def read_types(env):
                    # sudo: a reason written for another statement.
                    a = 1
                    b = 2
                    c = 3
                    d = 4
                    e = 5
                    # the types of the form
                    return env["grc.request.type"].sudo().search([]), a, b, c, d, e
            """
        },
    )
    assert check_sudo.main([str(addon)]) == 1


def test_tests_and_migrations_are_not_checked(tmp_path):
    body = """
        def run(env):
            return env["res.partner"].sudo()
    """
    addon = _addon(
        tmp_path,
        {"tests/test_a.py": body, "migrations/18.0.2.0.0/post-migration.py": body},
    )
    assert check_sudo.main([str(addon)]) == 0


def test_a_method_named_sudo_elsewhere_is_not_a_switch(tmp_path):
    addon = _addon(
        tmp_path,
        {"models/a.py": "pseudo = 1\nwords = ['sudo']\n"},
    )
    assert check_sudo.main([str(addon)]) == 0
