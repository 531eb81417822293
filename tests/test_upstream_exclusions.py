"""helpdesk_mgmt's tests we skip on purpose are listed once, and in the README."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXCLUSIONS = ROOT / "tests" / "upstream" / "helpdesk_mgmt_exclusions.txt"


def entries():
    for line in EXCLUSIONS.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, reason = line.partition(" ")
            yield name, reason.strip()


def test_every_exclusion_has_a_reason():
    names = [name for name, _reason in entries()]
    assert names
    assert len(names) == len(set(names))
    assert all(reason for _name, reason in entries())
    assert all(re.fullmatch(r"Test\w+(\.test\w+)?", name) for name in names)


def test_readme_lists_every_exclusion():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## helpdesk_mgmt's own tests", 1)[1].split("\n## ", 1)[0]
    for name, _reason in entries():
        for part in name.split("."):
            assert f"`{part}`" in section, f"{name} is skipped but not in the README"
