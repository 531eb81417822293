# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import BaseCase, tagged

from ..tools import normalize


@tagged("post_install", "-at_install")
class TestNormalize(BaseCase):
    """One meaning of a word, a code and an address for the dedup, the
    routing rules, the districts and the similarity of requests."""

    def test_words_fold_case_accents_ligatures_and_punctuation(self):
        self.assertEqual(
            normalize.words("Éclairage  PUBLIC, cœur d'Œuvre ! Straße_Nº5"),
            ["eclairage", "public", "coeur", "d", "oeuvre", "strasse", "no5"],
        )
        self.assertEqual(normalize.words(None), [])
        self.assertEqual(
            normalize.normalize_text("  Rue   Jean-Jaurès "), "rue jean jaures"
        )

    def test_zip_codes(self):
        self.assertEqual(normalize.normalize_zip(" 75 001 "), "75001")
        self.assertEqual(normalize.normalize_zip("2a004"), "2A004")
        self.assertEqual(normalize.normalize_zip(False), "")

    def test_email_addresses(self):
        self.assertEqual(
            normalize.normalize_email(" Hélène <Helene.Nunez@Example.FR> "),
            "helene.nunez@example.fr",
        )
        self.assertEqual(normalize.normalize_email(""), "")
        for bad in ("abc", "a@localhost", "a@b.fr, c@d.fr", "a b@c.fr", "<a@b.fr"):
            with self.subTest(bad=bad):
                self.assertIsNone(normalize.normalize_email(bad))

    def test_lists_and_html(self):
        self.assertEqual(normalize.split_list("a, b;c\n d,,"), ["a", "b", "c", "d"])
        self.assertEqual(
            normalize.html_to_text("<p>Trou &amp; bosse</p>").strip(), "Trou & bosse"
        )
