# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
import zipfile
from datetime import date, datetime

from freezegun import freeze_time

from odoo.tests import new_test_user

from odoo.addons.grc_citoyen.tests.common import GrcCommon
from odoo.addons.grc_citoyen_privacy.tests.test_retention import NOW, RetentionCommon


class MandateRetentionCommon(RetentionCommon):
    """Paul Ancien gave Jeanne Aidante a mandate for 2018-2019; she filed a
    request under it in 2019, closed since (12-month type)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.paul = cls._citizen("Paul Ancien")
        cls.jeanne = cls._citizen("Jeanne Aidante")
        cls.mandate = cls._mandate(
            cls.jeanne, cls.paul, date(2018, 1, 1), date_to=date(2019, 12, 31)
        )
        cls.form = cls.env["ir.attachment"].create(
            {
                "name": "mandat-signe-ancien.pdf",
                "raw": b"%PDF- Paul Ancien",
                "res_model": "grc.mandate",
                "res_id": cls.mandate.id,
            }
        )
        cls.mandate.attachment_ids = cls.form
        cls.mandate.message_post(body="Mandat signé au guichet par M. Ancien.")
        with freeze_time("2019-06-01 09:00:00"):
            cls.request = cls._finished_request(
                datetime(2019, 6, 20),
                partner_id=cls.paul.id,
                proxy_partner_id=cls.jeanne.id,
                request_type_id=cls.type_noise.id,
            )

    @classmethod
    def _mandate(cls, representative, beneficiary, since, **values):
        return cls.env["grc.mandate"].create(
            dict(
                {
                    "representative_id": representative.id,
                    "beneficiary_id": beneficiary.id,
                    "kind": "aidant",
                    "habilitation_number": "AC-2018-0042",
                    "consent_given": True,
                    "consent_date": since,
                    "consent_method": "signed_form",
                    "date_from": since,
                    "note": "Note interne : M. Ancien est très isolé.",
                },
                **values,
            )
        )


class TestMandateRetention(MandateRetentionCommon):
    """Mandates are deleted once ended for longer than the retention period
    and once the requests filed under them are anonymised."""

    def test_ended_mandate_is_deleted_with_its_files(self):
        """Its request anonymised first, the mandate, its signed form and
        its messages go; both citizens are then released."""
        self.assertEqual(self.request.mandate_id, self.mandate)
        messages = self.mandate.message_ids
        self.assertTrue(messages)
        counts = self.engine._run_retention(NOW)
        self.assertEqual((counts["request_count"], counts["mandate_count"]), (1, 1))
        self.assertFalse(self.mandate.exists())
        self.assertFalse(self.form.exists())
        self.assertFalse(messages.exists())
        self.assertFalse(self.request.mandate_id)
        self.assertFalse(self.request.proxy_partner_id)
        self.assertTrue(self.request.grc_anonymised_date)
        self.assertEqual(self.request.partner_id, self.paul, "the citizen link stays")
        self.assertTrue(self.paul.grc_anonymised_date)
        self.assertTrue(self.jeanne.grc_anonymised_date)

    def test_mandate_waits_for_its_requests(self):
        """A request filed under it and still kept keeps the mandate, and
        the mandate keeps both citizens."""
        self.type_noise.retention_months = 120
        counts = self.engine._run_retention(NOW)
        self.assertEqual(counts["mandate_count"], 0)
        self.assertTrue(self.mandate.exists())
        self.assertFalse(self.paul.grc_anonymised_date)
        self.assertFalse(self.jeanne.grc_anonymised_date)

    def test_mandate_in_force_or_recently_ended_is_kept(self):
        """A mandate without end date, or ended within the retention period,
        is kept, and so is its beneficiary."""
        marc = self._citizen("Marc Lefebvre")
        louise = self._citizen("Louise Bernard")
        in_force = self._mandate(self.jeanne, marc, date(2018, 1, 1))
        recent = self._mandate(
            self.jeanne, louise, date(2018, 1, 1), date_to=date(2025, 12, 31)
        )
        self.engine._run_retention(NOW)
        self.assertTrue(in_force.exists())
        self.assertTrue(recent.exists())
        self.assertFalse(marc.grc_anonymised_date)
        self.assertFalse(louise.grc_anonymised_date)
        self.assertFalse(self.mandate.exists())
        self.assertIn(recent, self.engine._expired_mandates(datetime(2028, 1, 1)))

    def test_revoked_mandate_expires_from_its_revocation(self):
        """Revoking archives the mandate: the period runs from then."""
        marc = self._citizen("Marc Lefebvre")
        revoked = self._mandate(self.jeanne, marc, date(2018, 1, 1))
        revoked.active = False
        revoked.flush_recordset()
        # Its last change, as the ORM stamps it with the transaction's time.
        self.env.cr.execute(
            "UPDATE grc_mandate SET write_date = %s WHERE id = %s",
            [datetime(2024, 9, 1, 10, 0), revoked.id],
        )
        self.assertNotIn(revoked, self.engine._expired_mandates(NOW))
        self.assertIn(revoked, self.engine._expired_mandates(datetime(2026, 9, 2)))

    def test_cron_logs_the_mandates_deleted(self):
        """The daily run records how many mandates it deleted."""
        with freeze_time(NOW):
            log = self.engine._cron_anonymise_expired()
        self.assertEqual((log.mandate_count, log.request_count), (1, 1))

    def test_erasure_deletes_the_mandates_given(self):
        """Erasing a citizen's data deletes the mandates they gave, not
        those they hold for someone else."""
        marc = self._citizen("Marc Lefebvre")
        held = self._mandate(self.paul, marc, date(2025, 1, 1))
        given = self._mandate(self.jeanne, self.paul, date(2025, 1, 1))
        counts = self.engine._erase_citizen(self.paul)
        self.assertEqual(counts["mandate_count"], 2)
        self.assertFalse((self.mandate | given).exists())
        self.assertTrue(held.exists())
        self.assertFalse(self.request.proxy_partner_id)


class TestMandateDownload(GrcCommon):
    """The data download lists the mandates a citizen gave or holds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.jeanne = cls.env["res.partner"].create(
            {"name": "Jeanne Aidante", "is_citizen": True}
        )
        cls.marc = cls.env["res.partner"].create(
            {"name": "Marc Lefebvre", "is_citizen": True}
        )
        cls.users = {
            partner: new_test_user(
                cls.env,
                login=f"mandate-download-{partner.id}",
                groups="base.group_portal",
                partner_id=partner.id,
                name=partner.name,
            )
            for partner in (cls.citizen, cls.jeanne, cls.marc)
        }
        values = {
            "representative_id": cls.jeanne.id,
            "beneficiary_id": cls.citizen.id,
            "kind": "aidant",
            "habilitation_number": "AC-2026-0042",
            "consent_given": True,
            "consent_date": date(2026, 1, 5),
            "consent_method": "signed_form",
            "date_from": date(2026, 1, 5),
            "note": "Note interne : Mme Núñez est malvoyante.",
        }
        cls.mandate = cls.env["grc.mandate"].create(values)
        cls.mandate.attachment_ids = cls.env["ir.attachment"].create(
            {
                "name": "mandat signé.pdf",
                "raw": b"%PDF- Helene",
                "res_model": "grc.mandate",
                "res_id": cls.mandate.id,
            }
        )
        cls.revoked = cls.env["grc.mandate"].create(
            dict(values, date_from=date(2025, 1, 5), active=False)
        )

    def _export(self, partner):
        partner = partner.with_user(self.users[partner])
        return partner._grc_personal_data_export()

    def test_beneficiary_gets_the_mandates_they_gave(self):
        """Both mandates, revoked one included, with the consent and the
        signed form; not the agents' note."""
        data, files = self._export(self.citizen)
        given = data["mandates_given"]
        self.assertEqual(len(given), 2)
        self.assertFalse(data["mandates_held"])
        self.assertEqual([m["revoked"] for m in given], [True, False])
        current = given[1]
        self.assertEqual(current["representative"], "Jeanne Aidante")
        self.assertEqual(current["habilitation_number"], "AC-2026-0042")
        self.assertEqual(current["consent_method"], "Signed form")
        self.assertEqual(current["valid_until"], None)
        path = current["signed_mandate"][0]["file"]
        self.assertIn((path, b"%PDF- Helene"), files)
        self.assertNotIn("malvoyante", json.dumps(data, ensure_ascii=False))

    def test_representative_gets_the_terms_only(self):
        """The representative sees whom they represent and the terms, not
        how the citizen consented nor the signed form."""
        data, files = self._export(self.jeanne)
        self.assertFalse(data["mandates_given"])
        held = data["mandates_held"]
        self.assertEqual([m["beneficiary"] for m in held], ["Hélène Núñez"] * 2)
        self.assertNotIn("consent_method", held[0])
        self.assertNotIn("signed_mandate", held[0])
        self.assertFalse([path for path, _content in files if "mandates/" in path])
        self.assertNotIn("malvoyante", json.dumps(data, ensure_ascii=False))

    def test_other_citizens_get_nothing_and_the_zip_holds_the_form(self):
        """A third citizen sees no mandate; the beneficiary's ZIP holds the
        signed form."""
        data, _files = self._export(self.marc)
        self.assertFalse(data["mandates_given"] or data["mandates_held"])
        citizen = self.citizen.with_user(self.users[self.citizen])
        archive = zipfile.ZipFile(io.BytesIO(citizen._grc_personal_data_archive()))
        forms = [name for name in archive.namelist() if name.startswith("mandates/")]
        self.assertEqual(len(forms), 1)
        self.assertEqual(archive.read(forms[0]), b"%PDF- Helene")
