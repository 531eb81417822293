# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import random
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models

from odoo.addons.grc_reclamations.models.grc_reclamation_workflow import OFFICER_GROUP

# Top-level reason code -> weight, and what citizens write for it (demo
# content is French, as a commune's would be).
DEMO_REASONS = {
    "DELAY": (
        35,
        [
            (
                "Toujours pas de réponse",
                "J'ai fait ma demande il y a plusieurs semaines "
                "et je n'ai toujours aucune nouvelle, malgré deux relances.",
            ),
            (
                "Intervention promise non réalisée",
                "On m'avait promis une intervention "
                "la semaine dernière, personne n'est venu.",
            ),
        ],
    ),
    "QUALITY": (
        18,
        [
            (
                "Réponse incomplète",
                "La réponse reçue ne traite qu'une partie de ma " "demande.",
            ),
            (
                "Réponse incompréhensible",
                "Le courrier reçu est rédigé de façon "
                "incompréhensible, je ne sais pas ce que je dois faire.",
            ),
        ],
    ),
    "BEHAVIOUR": (
        10,
        [
            (
                "Accueil désagréable",
                "L'agent à l'accueil a été désagréable et ne m'a "
                "pas laissé expliquer ma situation.",
            ),
        ],
    ),
    "ERROR": (
        12,
        [
            (
                "Erreur sur ma facture",
                "La facture de cantine comporte des repas qui " "n'ont pas été pris.",
            ),
            (
                "Erreur dans mon dossier",
                "Mon nom est mal orthographié sur le document " "délivré.",
            ),
        ],
    ),
    "ACCESS": (
        8,
        [
            (
                "Bâtiment inaccessible",
                "L'entrée de la mairie annexe n'est pas "
                "accessible en fauteuil roulant, la rampe est en panne.",
            ),
            (
                "Site internet inutilisable",
                "Le formulaire en ligne ne fonctionne pas " "avec mon lecteur d'écran.",
            ),
        ],
    ),
    "INFO": (
        10,
        [
            (
                "Informations contradictoires",
                "Le site et l'accueil téléphonique m'ont "
                "donné des horaires différents.",
            ),
        ],
    ),
    "OTHER": (
        7,
        [
            ("Autre motif", "Je souhaite signaler un dysfonctionnement du service."),
        ],
    ),
}
ANSWERS = [
    "<p>Nous avons examiné votre réclamation avec le service concerné. Vous "
    "avez raison : le délai annoncé n'a pas été tenu. Nous vous prions de nous "
    "en excuser ; des mesures ont été prises pour que cela ne se reproduise pas.</p>",
    "<p>Après analyse, il apparaît que la procédure a été correctement appliquée. "
    "Nous restons toutefois à votre disposition pour tout complément.</p>",
    "<p>Votre réclamation est en partie fondée : l'erreur a été corrigée et "
    "l'organisation du service revue.</p>",
]
ACTIONS = [
    "Rappel de la procédure à l'équipe",
    "Formation à l'accueil des usagers",
    "Mise à jour de la page du site",
    "Renfort temporaire pendant la période de pointe",
    "Correction du modèle de courrier",
    "Réparation de l'équipement",
]
DEMO_DAYS = 548  # 18 months
# Reason -> index of the service that concentrates it (recurring causes).
FOCUS = {"DELAY": 0, "ACCESS": 1, "ERROR": 2}


class GrcReclamationDemo(models.AbstractModel):
    """Deterministic demo complaints built on the citizens, requests and
    services already in the database (the demo commune of grc_demo)."""

    _name = "grc.reclamation.demo"
    _description = "Complaint demo data generator"

    @api.model
    def _generate(self, count=160, seed=2026):
        """Create ``count`` complaints over the last 18 months, in every stage,
        with analyses, corrective actions and answers. Does nothing when the
        database has no citizen, or when the generator already ran."""
        # sudo: the demo writes records of every model and company at install.
        env = (
            self.sudo()
            .with_context(
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                mail_auto_subscribe_no_notify=True,
                grc_reclamation_no_mail=True,
            )
            .env
        )
        Reclamation = env["grc.reclamation"]
        token = f"demo-{seed}-"
        if Reclamation.search_count([("submission_token", "=like", token + "%")]):
            return Reclamation
        citizens = env["res.partner"].search([("is_citizen", "=", True)], order="id")
        if not citizens:
            return Reclamation
        rng = random.Random(seed)
        data = {
            "citizens": citizens,
            "tickets": env["helpdesk.ticket"].search(
                [("partner_id", "in", citizens.ids)], order="id", limit=3000
            ),
            "teams": env["helpdesk.ticket.team"].search(
                [("is_direction", "=", False)], order="id"
            ),
            "reasons": {
                code: env["grc.reclamation.reason"].search(
                    [("parent_id.code", "=", code)], order="id"
                )
                or env["grc.reclamation.reason"].search([("code", "=", code)])
                for code in DEMO_REASONS
            },
            "causes": env["grc.reclamation.root.cause"].search([], order="id"),
            "channels": env["helpdesk.ticket.channel"].search([], order="id"),
            "users": env["res.users"].search(
                [
                    ("groups_id", "in", env.ref(OFFICER_GROUP).id),
                    ("id", "!=", SUPERUSER_ID),
                ],
                order="id",
            ),
        }
        now = fields.Datetime.now()
        created = Reclamation
        for index in range(count):
            rec = self._demo_complaint(env, rng, data, now, f"{token}{index}")
            self._demo_progress(rec, rng, data, now)
            created |= rec
        env["grc.reclamation.escalation"]._refresh_status(created)
        self._demo_irritants(env, created, now)
        return created

    @api.model
    def _demo_irritants(self, env, created, now):
        """Detect irritants month by month, as the cron would have; those
        older than four months were treated since."""
        Irritant = env["grc.reclamation.irritant"]
        for company in created.company_id:
            for days in range(DEMO_DAYS - 90, -1, -30):
                Irritant._detect(company, now=now - timedelta(days=days))
        Irritant.search(
            [("last_detection_date", "<", now - timedelta(days=120))]
        ).write({"state": "treated"})

    @api.model
    def _demo_complaint(self, env, rng, data, now, token):
        codes = list(DEMO_REASONS)
        code = rng.choices(codes, weights=[DEMO_REASONS[c][0] for c in codes])[0]
        subject, text = rng.choice(DEMO_REASONS[code][1])
        reasons = data["reasons"][code]
        ticket = rng.choice(data["tickets"]) if data["tickets"] else None
        if ticket is not None and rng.random() < 0.6:
            partner = ticket.partner_id
            team = ticket.team_id
        else:
            ticket = None
            partner = rng.choice(data["citizens"])
            team = (
                rng.choice(data["teams"])
                if data["teams"]
                else env["helpdesk.ticket.team"]
            )
            # Some services keep failing the same way: irritants to find.
            focus = FOCUS.get(code)
            if data["teams"] and focus is not None and rng.random() < 0.7:
                team = data["teams"][focus % len(data["teams"])]
                reasons = reasons[:1]
        # One in ten arrived in the last three weeks: the ones still open.
        days = rng.uniform(0, 21) if rng.random() < 0.1 else rng.uniform(0, DEMO_DAYS)
        received = now - timedelta(days=days, minutes=rng.randint(0, 600))
        return env["grc.reclamation"].create(
            {
                "subject": subject,
                "description": f"<p>{text}</p>",
                "partner_id": partner.id,
                "reason_id": rng.choice(reasons).id if reasons else False,
                "severity": rng.choices(
                    ["low", "normal", "high", "critical"], weights=[20, 55, 20, 5]
                )[0],
                "channel_id": rng.choice(data["channels"]).id
                if data["channels"]
                else False,
                "ticket_ids": [fields.Command.set(ticket.ids if ticket else [])],
                "team_ids": [fields.Command.set(team.ids)],
                "received_date": received,
                "user_id": rng.choice(data["users"]).id if data["users"] else False,
                "submission_token": token,
            }
        )

    @api.model
    def _demo_progress(self, rec, rng, data, now):
        """Move the complaint as far as its age allows, with dates in the past."""
        age = (now - rec.received_date).days
        rec.ack_date = rec.received_date + timedelta(hours=rng.randint(2, 40))
        if age < 4:
            return
        if rng.random() < 0.08:
            rec.inadmissible_reason = "Le courrier ne contient aucun grief précis."
            rec.answer_date = rec.ack_date + timedelta(days=rng.randint(1, 5))
            rec._set_state("not_admissible")
            if age > 30:
                rec._set_state("closed")
            return
        rec._set_state("admissible")
        if age < 6:
            return
        rec._set_state("analysis")
        if age < 15:
            return
        justification = rng.choices(
            ["justified", "partly", "not_justified"], weights=[45, 30, 25]
        )[0]
        rec.write(
            {
                "root_cause_id": rng.choice(data["causes"]).id
                if data["causes"]
                else False,
                "responsible_team_id": rec.team_ids[:1].id,
                "justification": justification,
                "analysis": "<p>Analyse menée avec le service concerné.</p>",
                "answer_body": rng.choice(ANSWERS),
            }
        )
        if justification != "not_justified":
            self._demo_actions(rec, rng, data, now)
        rec._set_state("drafted")
        if age < 25:
            return
        # Most answers within the deadline, some late.
        answer_delay = timedelta(days=rng.choice([8, 12, 15, 20, 25, 35, 50]))
        rec.answer_date = min(rec.received_date + answer_delay, now)
        rec._set_state("answered")
        if rng.random() < 0.6:
            rec.citizen_satisfaction = rng.choices(
                ["satisfied", "not_satisfied"], weights=[70, 30]
            )[0]
        if age > 60 and not rec.open_action_count:
            rec._set_state("closed")

    @api.model
    def _demo_actions(self, rec, rng, data, now):
        for _index in range(rng.randint(1, 2)):
            due = rec.received_date + timedelta(days=rng.randint(20, 90))
            vals = {
                "name": rng.choice(ACTIONS),
                "reclamation_id": rec.id,
                "user_id": rng.choice(data["users"]).id
                if data["users"]
                else rec.env.uid,
                "date_deadline": due.date(),
            }
            if due < now:
                vals.update(
                    state="done",
                    done_date=due.date(),
                    effectiveness=rng.choices(
                        ["effective", "partly", "not_effective"], weights=[70, 20, 10]
                    )[0],
                )
            rec.env["grc.reclamation.action"].create(vals)
