# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import datetime

from odoo.addons.grc_citoyen.tests.common import GrcCommon

# The smallest valid PDF and PNG the upload policy accepts.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
# Checksums that pass: a SIRET (Luhn) and an IBAN (mod 97).
SIRET_OK = "73282932000074"
SIRET_BAD = "73282932000075"
IBAN_OK = "FR76 3000 6000 0112 3456 7890 189"
IBAN_BAD = "FR76 3000 6000 0112 3456 7890 188"


class GrcFormsCommon(GrcCommon):
    """A café terrace permit with a form of every kind of question, a
    condition and two supporting documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_terrace = cls.env["grc.request.type"].create(
            {
                "name": "Autorisation de terrasse",
                "code": "TER",
                "team_id": cls.team_voirie.id,
                "is_published": True,
            }
        )
        question = cls.env["grc.form.question"]
        seq = iter(range(10, 1000, 10))

        def add(kind, name, **vals):
            return question.create(
                dict(
                    request_type_id=cls.type_terrace.id,
                    sequence=next(seq),
                    kind=kind,
                    name=name,
                    **vals,
                )
            )

        cls.q_section = add("section", "Votre établissement")
        cls.q_name = add("char", "Nom de l'établissement", key="etab", required=True)
        cls.q_siret = add("siret", "SIRET", key="siret", required=True)
        cls.q_iban = add("iban", "IBAN", key="iban")
        cls.q_email = add("email", "Courriel du gérant", key="courriel")
        cls.q_phone = add("phone", "Téléphone", key="tel", prefill="phone")
        cls.q_address = add("address", "Adresse", key="adresse", required=True)
        cls.q_section2 = add("section", "Votre terrasse")
        cls.q_tables = add(
            "number",
            "Nombre de tables",
            key="tables",
            required=True,
            has_min=True,
            min_value=1,
            has_max=True,
            max_value=40,
            integer_only=True,
        )
        cls.q_start = add("date", "Date de début", key="debut", date_future=True)
        cls.q_season = add(
            "selection",
            "Période",
            key="periode",
            options="Saison estivale\nAnnée entière",
            required=True,
        )
        cls.q_furniture = add(
            "multi", "Mobilier", key="mobilier", options="Tables\nChaises\nParasols"
        )
        cls.q_heating = add("boolean", "Chauffage extérieur", key="chauffage")
        cls.q_heating_kind = add(
            "char",
            "Type de chauffage",
            key="type_chauffage",
            required=True,
            condition_question_id=cls.q_heating.id,
            condition_value="yes",
        )
        cls.q_notes = add("text", "Remarques", key="remarques")
        cls.q_plan = add("file", "Plan de la terrasse", key="plan")
        cls.doc_kbis = cls.env["grc.form.document"].create(
            {
                "request_type_id": cls.type_terrace.id,
                "name": "Extrait Kbis",
                "required": True,
                "accepted_types": "pdf",
                "max_size_mb": 2,
            }
        )
        cls.doc_insurance = cls.env["grc.form.document"].create(
            {
                "request_type_id": cls.type_terrace.id,
                "name": "Attestation d'assurance",
                "required": False,
                "accepted_types": "pdf,png",
            }
        )

    @classmethod
    def _answers(cls, **overrides):
        answers = {
            "etab": "Café des Lilas",
            "siret": SIRET_OK,
            "iban": IBAN_OK,
            "courriel": "Gerant@Example.fr",
            "tel": "06 12 34 56 78",
            "adresse": "12 rue des Lilas 69003 Lyon",
            "tables": "6",
            "debut": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
            "periode": "Saison estivale",
            "mobilier": ["Tables", "Chaises"],
            "chauffage": "no",
            "remarques": "Ligne 1\nLigne 2",
        }
        answers.update(overrides)
        return {key: value for key, value in answers.items() if value is not None}

    @classmethod
    def _intake_values(cls, answers=None, documents=None, files=None, **values):
        vals = {
            "request_type_id": cls.type_terrace.id,
            "channel": "helpdesk_mgmt.helpdesk_ticket_channel_web",
            "partner_id": cls.citizen.id,
            "form_answers": cls._answers() if answers is None else answers,
            "form_files": files or {},
            "form_documents": (
                {cls.doc_kbis.id: [("kbis.pdf", PDF, "application/pdf")]}
                if documents is None
                else documents
            ),
        }
        vals.update(values)
        return vals
