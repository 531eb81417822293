# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Build a commune of any size in a database that has grc_demo.

    python tests/benchmarks/generate.py -d grc_big --citizens 100000 --requests 1000000

Citizens and requests are created by `grc.demo.generator` in chunks, each chunk
committed, so that a big commune survives an interruption and memory stays
flat. Request types and services must exist (the demo data has 48 types in 12
services; `--with-catalogue` loads that catalogue into a database without demo).
Deterministic for a given --seed and --chunk.

    python tests/benchmarks/generate.py -d grc_big --bulk --requests 1000000

`--bulk` takes the generator's bulk path (`_bulk_generate_commune`): the same
planning, rows written with COPY, citizens (15 % of the requests unless
--citizens is given), contacts and satisfaction answers in proportion;
resumable (run it again with the same arguments after an interruption).
"""

import argparse
import os
import sys
import time

if "env" in globals():  # executed by an Odoo shell: see harness.run_in_odoo
    sys.path.insert(0, os.environ["GRC_BENCH_DIR"])
import harness  # noqa: E402

CATALOGUE = [
    "res_company_demo.xml",
    "res_users_demo.xml",
    "helpdesk_ticket_category_demo.xml",
    "helpdesk_ticket_team_demo.xml",
    "grc_request_type_demo.xml",
    "grc_routing_rule_demo.xml",
]


def load_catalogue(env):
    """Services, agents and request types of the demo, without its people."""
    from odoo.tools import convert_file

    if env.ref("grc_demo.grc_request_type_voi_nid_demo", raise_if_not_found=False):
        return
    # res_users_demo.xml gives the portal account to Camille Martin.
    convert_file(env, "grc_demo", "demo/res_partner_demo.xml", {}, "init", False)
    for name in CATALOGUE:
        convert_file(env, "grc_demo", f"demo/{name}", {}, "init", False)
    env.cr.commit()


def generate(env):
    """In the Odoo shell: create the commune chunk by chunk."""
    from datetime import timedelta

    from odoo import fields

    params = harness.payload()
    if params.get("with_catalogue"):
        load_catalogue(env)
    generator = env["grc.demo.generator"]
    if params.get("bulk"):
        bulk_generate(env, generator, params)
        return
    state = generator._generator_state(params["seed"])
    end = fields.Datetime.now()
    start = end - timedelta(days=round(params["months"] * 30.44))
    chunk = params["chunk"]
    began = time.perf_counter()
    citizens = env["res.partner"]
    for done in range(0, params["citizens"], chunk):
        size = min(chunk, params["citizens"] - done)
        citizens |= generator._generate_citizens(size, state)
        env.cr.commit()
        env.invalidate_all()
        progress("citizens", done + size, params["citizens"], began)
    citizen_ids = citizens.ids
    for done in range(0, params["requests"], chunk):
        size = min(chunk, params["requests"] - done)
        pool = env["res.partner"].browse(citizen_ids)
        generator._generate_requests(size, pool, state, start, end)
        env.cr.commit()
        env.invalidate_all()
        progress("requests", done + size, params["requests"], began)
    generator._generate_interactions(
        params["requests"] // 7,
        env["res.partner"].browse(citizen_ids),
        state,
        start,
        end,
    )
    env.cr.commit()
    print(f"Commune built in {time.perf_counter() - began:.0f} s", flush=True)


def bulk_generate(env, generator, params):
    """The bulk path, chunk by chunk, each chunk committed."""
    began = time.perf_counter()
    written = generator._bulk_generate_commune(
        params["requests"],
        citizens=params.get("bulk_citizens"),
        months=params["months"],
        seed=params["seed"],
        chunk=params["chunk"],
        commit=env.cr.commit,
        progress=lambda what, done, total: progress(what, done, total, began),
    )
    env.cr.commit()
    print(
        f"Commune written in {time.perf_counter() - began:.1f} s: "
        + ", ".join(f"{count} {what}" for what, count in written.items()),
        flush=True,
    )


def progress(what, done, total, began):
    elapsed = time.perf_counter() - began
    print(f"{what}: {done}/{total} ({elapsed:.0f} s)", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-d", "--db", required=True)
    parser.add_argument("--citizens", type=int, default=None)
    parser.add_argument("--requests", type=int, default=2100)
    parser.add_argument("--months", type=int, default=18)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--chunk", type=int, default=None)
    parser.add_argument(
        "--bulk", action="store_true", help="write the rows with COPY (fast)"
    )
    parser.add_argument(
        "--with-catalogue",
        action="store_true",
        help="load the demo services and request types first (database "
        "installed without demo data)",
    )
    args = parser.parse_args()
    payload = {
        "bulk": args.bulk,
        "bulk_citizens": args.citizens,
        "citizens": 320 if args.citizens is None else args.citizens,
        "requests": args.requests,
        "months": args.months,
        "seed": args.seed,
        "chunk": args.chunk or (25000 if args.bulk else 5000),
        "with_catalogue": args.with_catalogue,
    }
    harness.run_in_odoo(__file__, args.db, payload, capture=False)


if "env" in globals():
    generate(env)  # noqa: F821
elif __name__ == "__main__":
    main()
