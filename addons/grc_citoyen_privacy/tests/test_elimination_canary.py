# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The proof of the destruction: a unique string planted in every personal
field, file and message of a citizen is found nowhere in the database nor
in the filestore once their records are eliminated with the archives' visa.

The scan reads every text, JSON and binary column of every table, whatever
the addons installed: run with the whole suite, it covers their tables too
(the access log's values, the answers of forms...)."""

import time
import uuid
from datetime import datetime

from odoo import Command
from odoo.tests import new_test_user, tagged

from .canary import CanaryScan
from .test_elimination import EliminationCommon
from .test_retention import NOW


@tagged("post_install", "-at_install")
class TestEliminationCanary(EliminationCommon, CanaryScan):
    """Elimination with the visa, then the citizen left with nothing: zero
    hits anywhere."""

    def test_canary_gone_everywhere_after_the_approved_elimination(self):
        started = time.time() - 1
        canary = f"canari{uuid.uuid4().hex[:12]}"
        # A phone number is normalised (E.164): its digits are a second canary.
        phone_digits = "698765431"
        needles = [canary, phone_digits]
        user = new_test_user(
            self.env,
            login=f"{canary}@example.fr",
            name=f"Jeanne {canary}",
            email=f"{canary}@example.fr",
            groups="base.group_portal",
        )
        citizen = user.partner_id
        citizen.write(
            {
                "is_citizen": True,
                "phone": "06 98 76 54 31",
                "mobile": "+33 6 98 76 54 31",
                "street": f"{canary} 12 rue des Lilas",
                "street2": f"Bâtiment {canary}",
                "zip": "37000",
                "city": "Tours",
                "function": f"Métier {canary}",
                "comment": f"<p>Note {canary}</p>",
                "support_note": f"Besoin {canary}",
                "support_need_ids": [
                    Command.set(self.env["grc.support.need"].search([], limit=1).ids)
                ],
            }
        )
        self._known_since(citizen, datetime(2015, 1, 1))
        request = self._finished_request(
            datetime(2019, 5, 2),
            request_type_id=self.type_noise.id,
            partner_id=citizen.id,
            name=f"Bruit {canary}",
            description=f"<p>Le voisin {canary} fait du bruit</p>",
            partner_name=f"Jeanne {canary}",
            partner_email=f"{canary}@example.fr",
            location_street=f"{canary} 14 rue des Lilas",
            grc_resolution=f"<p>Vu avec {canary}</p>",
            notes=f"<p>Interne {canary}</p>",
        )
        # Tracked changes, messages with files, an activity, a mail queued.
        request.write({"partner_name": f"J. {canary}"})
        request.message_post(
            body=f"Réponse à {canary}",
            subject=f"Objet {canary}",
            partner_ids=citizen.ids,
            attachments=[(f"{canary}.txt", f"Pièce {canary}".encode())],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        request.with_user(user).sudo().message_post(
            body=f"Message de {canary}",
            author_id=citizen.id,
            email_from=f"{canary}@example.fr",
            message_type="comment",
        )
        self.env["ir.attachment"].create(
            {
                "name": f"photo-{canary}.txt",
                "raw": f"Photo {canary}".encode(),
                "res_model": "helpdesk.ticket",
                "res_id": request.id,
            }
        )
        request.activity_schedule(
            "mail.mail_activity_data_todo", note=f"Rappeler {canary}"
        )
        self.env["grc.interaction"].create(
            {
                "name": f"Appel de {canary}",
                "notes": f"Dit {canary}",
                "partner_id": citizen.id,
                "ticket_id": request.id,
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_phone"
                ).id,
                "date": datetime(2019, 5, 1),
            }
        )
        # A démarche saved and never sent (grc_citoyen_draft, with its
        # bridge grc_citoyen_privacy_draft).
        if "grc.citizen.draft" in self.env.registry:
            self.env["grc.citizen.draft"]._grc_save(
                citizen,
                self.type_lamp,
                [("description", f"Brouillon {canary}")],
                {"attachments": [(f"{canary}.txt", canary.encode(), "text/plain")]},
            )
        # An agent changes the citizen's details (the access log, when
        # installed, keeps the old and new values).
        agent = new_test_user(
            self.env,
            login="canary-agent",
            groups="grc_citoyen.group_grc_agent",
        )
        citizen.with_user(agent).write({"street2": f"Escalier {canary}"})
        request.with_user(agent).sudo().write(
            {"location_street": f"{canary} 16 rue des Lilas"}
        )
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertTrue(self._scan_database(needles), "the canary was not planted")

        # The run lists the request; nothing goes without the visa.
        self.engine._run_retention(NOW)
        elimination = self.Lists.search([("line_ids.ticket_id", "=", request.id)])
        self.assertEqual(elimination.state, "proposed")
        self.engine._run_retention(NOW)
        self.assertFalse(request.grc_anonymised_date)
        elimination.with_user(self.archivist).action_record_visa()
        elimination.with_user(self.archivist).action_eliminate()
        # The next run finds the citizen left with nothing to keep.
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["citizen_count"], 1)
        self.env.flush_all()
        self.env.cr.precommit.run()
        # The bus notifications of the messages are dropped by Odoo's
        # autovacuum after a few minutes; the files unlinked, by its
        # filestore collection: both run here as they would.
        self.env.cr.execute(
            "UPDATE bus_bus SET create_date = create_date - interval '1 day'"
        )
        self.env["bus.bus"]._gc_messages()
        self.env["ir.attachment"]._gc_file_store_unsafe()

        self.assertEqual(self._scan_database(needles), [])
        self.assertEqual(self._scan_filestore(needles, started), [])
        # The list and its visa stay, without personal data.
        self.assertEqual(elimination.state, "done")
        self.assertIn(request.number, elimination.line_ids.mapped("reference"))
