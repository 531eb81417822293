# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Forms benchmark: what a démarche's own form adds to the intake.

    python tests/benchmarks/bench_forms.py --db grc_bench

The same request filed through the one intake (``_grc_submit_request``, the
citizen found from their data, as the portal and the API file it), once for
a démarche without a form and once for a démarche with a 20-question form
(every kind of question but file, two conditions, one of them hiding its
question, three sections): the answers checked by the form engine, the
version of the form looked up, and the 19 typed answers stored with the
request. Both sides run in the GRC database (grc_citoyen_forms installed),
in turn, request by request, and are rolled back. Target: the form costs at
most 1.2x the request without it.
Not a unit test.
"""

import argparse
import datetime
import os
import random
import sys

if "env" in globals():  # executed by an Odoo shell: see harness.run_in_odoo
    sys.path.insert(0, os.environ.get("GRC_BENCH_DIR", "tests/benchmarks"))
import harness  # noqa: E402

SEED = 2026
CITIZENS = 300
TARGET = 1.2
NO_MAIL = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
    "no_reset_password": True,
}
FUTURE = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
# (key, kind, options/bounds, answer); "cond" shows a question after an answer.
QUESTIONS = [
    ("s1", "section", {}, None),
    ("etab", "char", {}, "Café des Lilas"),
    ("siret", "siret", {}, "73282932000074"),
    ("adresse", "address", {}, "12 rue des Lilas 37990 Saint-Exemple"),
    ("courriel", "email", {}, "gerant@example.fr"),
    ("tel", "phone", {}, "06 12 34 56 78"),
    ("iban", "iban", {}, "FR76 3000 6000 0112 3456 7890 189"),
    ("licence", "selection", {"options": "Licence III\nLicence IV"}, "Licence IV"),
    ("s2", "section", {}, None),
    ("debut", "date", {"date_future": True}, FUTURE),
    ("fin", "date", {}, FUTURE),
    (
        "longueur",
        "number",
        {"has_min": True, "min_value": 1, "has_max": True, "max_value": 30},
        "8,5",
    ),
    ("profondeur", "number", {"has_min": True, "min_value": 0.5}, "2"),
    ("tables", "number", {"integer_only": True}, "12"),
    (
        "mobilier",
        "multi",
        {"options": "Tables\nChaises\nParasols\nJardinières"},
        ["Tables", "Chaises", "Parasols"],
    ),
    ("chauffage", "boolean", {}, "yes"),
    (
        "chauffage_type",
        "selection",
        {"options": "Électrique\nAutre", "cond": ("chauffage", "yes")},
        "Électrique",
    ),
    ("fermee", "boolean", {}, "no"),
    ("fermee_detail", "text", {"cond": ("fermee", "yes")}, None),
    ("s3", "section", {}, None),
    ("gerant", "char", {}, "Léa Martin"),
    ("horaires", "char", {}, "8 h - 23 h"),
    ("remarques", "text", {}, "Terrasse saisonnière.\nAccès livraisons le matin."),
]


def citizen_values(index):
    return {
        "name": f"Citoyen Formulaire {index:04d}",
        "email": f"citoyen.form{index:04d}@example.fr",
        "phone": f"06 13 {index // 100:02d} {index % 100:02d} 00",
    }


def make_fixtures(env, citizens):
    admin = env.ref("base.user_admin")
    env = env(user=admin, context=dict(env.context, tz="Europe/Paris", **NO_MAIL))
    env["res.partner"].create(
        [dict(citizen_values(i), is_citizen=True) for i in range(citizens)]
    )
    team = env["helpdesk.ticket.team"].create({"name": "Voirie (banc formulaires)"})
    types = env["grc.request.type"].create(
        [
            {"name": "Terrasse sans formulaire (banc)", "team_id": team.id},
            {"name": "Terrasse avec formulaire (banc)", "team_id": team.id},
        ]
    )
    questions = {}
    for sequence, (key, kind, options, _answer) in enumerate(QUESTIONS):
        vals = {
            "request_type_id": types[1].id,
            "sequence": sequence,
            "key": key,
            "kind": kind,
            "name": key.replace("_", " ").capitalize(),
            "required": kind != "section" and "cond" not in options,
        }
        vals.update({k: v for k, v in options.items() if k != "cond"})
        if "cond" in options:
            vals["condition_question_id"] = questions[options["cond"][0]].id
            vals["condition_value"] = options["cond"][1]
        questions[key] = env["grc.form.question"].create(vals)
    answers = {
        key: answer for key, _kind, _options, answer in QUESTIONS if answer is not None
    }
    env.flush_all()
    return {
        "env": env,
        "rng": random.Random(SEED),
        "citizens": citizens,
        "plain": types[0].id,
        "form": types[1].id,
        "answers": answers,
    }


def request_values(fixtures, index):
    citizen = citizen_values(fixtures["rng"].randrange(fixtures["citizens"]))
    return {
        "citizen": citizen,
        "name": f"Terrasse {index}",
        "description": "Demande d'autorisation de terrasse pour la saison.",
        "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
        "location_street": "12 rue des Lilas",
        "location_zip": "37990",
        "location_city": "Saint-Exemple",
    }


def step_factory(fixtures, with_form):
    env = fixtures["env"]
    tickets = env["helpdesk.ticket"]

    def step(index):
        values = request_values(fixtures, index)
        if with_form:
            values.update(
                request_type_id=fixtures["form"],
                form_answers=dict(fixtures["answers"]),
            )
        else:
            values["request_type_id"] = fixtures["plain"]
        ticket = tickets._grc_submit_request(values)
        # Checked on the warm-up calls only: the check reads the answers back.
        if with_form and index < 0 and len(ticket.grc_form_answer_ids) != 19:
            # 20 questions, one hidden by its condition.
            raise AssertionError("the form's 19 answers were not all stored")
        env.cr.flush()

    return step


def run_inside(env):
    params = harness.payload() or {"count": 50, "warmup": 10, "citizens": CITIZENS}
    fixtures = make_fixtures(env, params["citizens"])
    results = harness.alternate(
        {
            "plain": (step_factory(fixtures, False), env.cr),
            "form": (step_factory(fixtures, True), env.cr),
        },
        params["count"],
        params["warmup"],
    )
    env.cr.rollback()
    harness.emit(results)


def report(results, count):
    plain = harness.describe(results["plain"]["samples"])
    form = harness.describe(results["form"]["samples"])
    ratio = form["mean"] / plain["mean"]
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    harness.print_table(
        "Forms benchmark: ms per request through the intake (mean / median); "
        "ratio with form / without form of the means (of the medians)",
        [
            [
                "Intake with a 20-question form vs the same request without",
                count,
                f"{plain['mean']:.2f} / {plain['median']:.2f}",
                f"{form['mean']:.2f} / {form['median']:.2f}",
                f"{results['plain']['queries']:.1f} / {results['form']['queries']:.1f}",
                f"{ratio:.2f} ({form['median'] / plain['median']:.2f})",
                f"<= {TARGET}",
                verdict,
            ]
        ],
        ["section", "n", "no form ms", "form ms", "queries", "ratio", "target", ""],
    )
    met = int(verdict == "PASS")
    print(f"\nbench_forms: {met} of 1 targets met")
    return not met


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="grc_bench", help="database with GRC")
    parser.add_argument("--stock-db", help="unused: both sides run in --db")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--citizens", type=int, default=CITIZENS)
    args = parser.parse_args()
    payload = {
        "count": args.requests,
        "warmup": args.warmup,
        "citizens": args.citizens,
    }
    print(f"Measuring on {args.db}...", flush=True)
    results = harness.run_in_odoo(__file__, args.db, payload)
    sys.exit(1 if report(results, args.requests) else 0)


if "env" in globals():
    run_inside(env)  # noqa: F821
elif __name__ == "__main__":
    main()
