#!/usr/bin/env python3
"""Fail when two classes of one model in one addon both override a method
whose order of execution would then depend on the order of the imports.

Odoo stacks the classes of an addon that extend the same model in the order
their files are imported: when two of them override ``create`` or ``write``,
which runs first is decided by ``models/__init__.py``, silently. An addon
extends ``create`` and ``write`` once per model, and plugs its behaviour into
the explicit hooks of the core (``_grc_request_steps``, ``_grc_after_create``,
``_grc_on_state_change``) instead.

Usage: check_overrides.py ADDON_DIR...   (exit status 1 on a finding)
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

GUARDED = ("create", "write", "unlink", "copy")


def _string_values(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.List | ast.Tuple):
        return [
            elt.value
            for elt in node.elts
            if isinstance(elt, ast.Constant) and isinstance(elt.value, str)
        ]
    return []


def class_models(cls):
    """The model names a class defines or extends: ``_name``, else ``_inherit``."""
    attrs = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name) and target.id in ("_name", "_inherit"):
                    attrs[target.id] = _string_values(stmt.value)
    return attrs.get("_name") or attrs.get("_inherit") or []


def overrides(addon_dir):
    """{(model, method): ["file:Class", ...]} for one addon, tests excluded."""
    found = defaultdict(list)
    root = Path(addon_dir)
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] in ("tests", "migrations"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            methods = {
                stmt.name
                for stmt in cls.body
                if isinstance(stmt, ast.FunctionDef) and stmt.name in GUARDED
            }
            for model in class_models(cls):
                for method in methods:
                    found[(model, method)].append(f"{rel}:{cls.name}")
    return found


def main(addon_dirs):
    bad = 0
    for addon_dir in addon_dirs:
        for (model, method), where in sorted(overrides(addon_dir).items()):
            if len(where) > 1:
                bad += 1
                print(
                    f"{Path(addon_dir).name}: {model}.{method} is overridden by "
                    f"{len(where)} classes ({', '.join(where)}): their order is "
                    "the import order. Override it once, use the hooks."
                )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
