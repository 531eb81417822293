# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the agents read, in French: the main screens of an addon scanned for
English words and raw ISO dates, as Odoo serves them in fr_FR."""

import re

from lxml import etree

# English words that are no French words: one of them in a French screen
# means a string without translation (or a label never translatable).
ENGLISH_WORDS = frozenset(
    """
    the and with your our request requests citizen citizens missed working
    hours week weeks transfer resolve resolved answer answered letter letters
    without please this that from open closed close deadline deadlines
    assigned customer my all new edit create search filter group by archived
    following followers schedule save print send reply agent's service's
    every complaint complaints cancel cancelled waiting due
    """.split()
)
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Names with digits (Open311, RGAA2) are names, not words.
WORD = re.compile(r"[A-Za-zÀ-ÿ0-9']+")
# Attributes of a view that the agent reads.
READ_ATTRIBUTES = ("string", "placeholder", "help", "confirm", "title", "sum")
# Modules whose strings make up the agents' screens besides the GRC's.
BASE_MODULES = ("base", "web", "mail", "resource", "portal", "helpdesk_mgmt")


class FrenchScreensMixin:
    """Load French for the modules of the screens, then scan them."""

    @classmethod
    def _grc_load_french(cls):
        """French for the screens: every GRC addon installed adds to them."""
        cls.env["res.lang"]._activate_lang("fr_FR")
        cls.env["ir.module.module"].search(
            [
                "|",
                ("name", "in", BASE_MODULES),
                ("name", "=like", "grc\\_%"),
                ("state", "in", ("installed", "to upgrade")),
            ]
        )._update_translations(["fr_FR"])

    def _grc_english(self, text):
        """The English words and raw dates in ``text``."""
        found = {
            word for word in WORD.findall(text or "") if word.lower() in ENGLISH_WORDS
        }
        found.update(ISO_DATE.findall(text or ""))
        return found

    def _grc_view_texts(self, model, view_xmlid, view_type):
        """Every text of the view an agent reads, and the labels of its fields."""
        env = self.env(context=dict(self.env.context, lang="fr_FR"))
        view = env.ref(view_xmlid) if view_xmlid else False
        result = env[model].get_views([(view.id if view else False, view_type)])
        arch = result["views"][view_type]["arch"]
        texts = []
        for node in etree.fromstring(arch).iter():
            if node.tag is etree.Comment:
                continue
            texts.extend(filter(None, (node.text, node.tail)))
            texts.extend(node.get(attribute) for attribute in READ_ATTRIBUTES)
        for fields in result["models"].values():
            for description in fields["fields"].values():
                texts.append(description.get("string"))
                texts.extend(label for __, label in description.get("selection") or [])
        return [text for text in texts if text and text.strip()]

    def assertScreensInFrench(self, views=(), actions=()):
        """``views``: (model, view xmlid or None, view type); ``actions``:
        xmlids of the actions whose names the agents read."""
        env = self.env(context=dict(self.env.context, lang="fr_FR"))
        problems = []
        for model, view_xmlid, view_type in views:
            for text in self._grc_view_texts(model, view_xmlid, view_type):
                found = self._grc_english(text)
                if found:
                    problems.append(f"{view_xmlid or model} ({view_type}): {text!r}")
        for xmlid in actions:
            name = env.ref(xmlid).name
            if self._grc_english(name):
                problems.append(f"{xmlid}: {name!r}")
        self.assertFalse(problems, "English or raw dates:\n" + "\n".join(problems))
