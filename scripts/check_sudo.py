#!/usr/bin/env python3
"""Fail on a ``sudo()`` that does not say why.

Superuser rights skip access rights and record rules: each switch is a
decision taken at a boundary (a visitor's form, the mail gateway, a cron, a
rule that must see every record whatever the caller), and the code says which
one, in a comment on the line itself or in a comment mentioning "sudo" on one
of the lines just above (the statement may span a few lines), for example::

    # sudo: visitors may not read request types; the form needs the published one.
    request_type = env["grc.request.type"].sudo().browse(type_id)

Tests and migrations are not checked.

Usage: check_sudo.py ADDON_DIR...   (exit status 1 on a finding)
"""

import io
import sys
import tokenize
from pathlib import Path

LOOK_UP = 6  # lines above a sudo() where its reason may be written


def findings(path):
    source = path.read_text(encoding="utf-8")
    comments = {}  # line -> comment text
    sudo_lines = []
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    for index, tok in enumerate(tokens):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string
        elif (
            tok.type == tokenize.NAME
            and tok.string == "sudo"
            and index
            and tokens[index - 1].string == "."
            and index + 1 < len(tokens)
            and tokens[index + 1].string == "("
        ):
            sudo_lines.append(tok.start[0])
    for line in sudo_lines:
        if line in comments:
            continue
        above = range(max(1, line - LOOK_UP), line)
        if any("sudo" in comments.get(number, "").lower() for number in above):
            continue
        yield line


def main(addon_dirs):
    found = 0
    for addon in addon_dirs:
        for path in sorted(Path(addon).rglob("*.py")):
            if {"tests", "migrations"} & set(path.parts):
                continue
            for line in findings(path):
                print(f"{path}:{line}: sudo() without its reason")
                found += 1
    if found:
        print(f"{found} sudo() without a comment saying why (see {__file__})")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
