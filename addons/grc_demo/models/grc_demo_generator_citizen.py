# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).

import unicodedata
from datetime import timedelta

from odoo import api, fields, models

from .grc_demo_generator import DEMO_CONTEXT


class GrcDemoGenerator(models.AbstractModel):
    """Citizens of the demo commune: names, addresses, contacts and
    consents, with a few near-duplicates."""

    _inherit = "grc.demo.generator"

    # ------------------------------------------------------------------
    # Citizens
    # ------------------------------------------------------------------

    @api.model
    def _generate_citizens(self, count, state, batch_size=2000):
        """Create `count` citizens (about 1% are near-duplicates of another
        one, as a real referential has) and return them."""
        rng = state["rng"]
        needs = self.env["grc.support.need"].search([])
        common = {
            "is_citizen": True,
            "city": state["voc"]["city"],
            "country_id": self.env.ref("base.fr", raise_if_not_found=False).id,
        }
        if self.env["res.lang"].search_count([("code", "=", "fr_FR")]):
            common["lang"] = "fr_FR"
        vals_list = []
        for _index in range(count):
            if vals_list and rng.random() < 0.01:
                vals = self._near_duplicate_values(rng.choice(vals_list), state)
            else:
                vals = self._citizen_values(state, needs)
            vals_list.append(dict(common, **vals))
        partner_model = self.env["res.partner"].with_context(**DEMO_CONTEXT)
        partners = self.env["res.partner"]
        for start in range(0, len(vals_list), batch_size):
            partners |= partner_model.create(vals_list[start : start + batch_size])
        return partners.with_env(self.env)

    def _citizen_values(self, state, needs):
        rng, voc = state["rng"], state["voc"]
        female = rng.random() < 0.52
        first = rng.choice(voc["first_names_f" if female else "first_names_m"])
        last = rng.choice(voc["last_names"])
        street, district = rng.choice(voc["streets"])
        age = rng.randint(18, 92)
        has_email = rng.random() < (0.93 if age < 70 else 0.55)
        mobile = self._random_mobile(rng) if rng.random() < 0.8 else False
        landline = self._random_landline(rng) if rng.random() < 0.35 else False
        vals = {
            "name": f"{first} {last}",
            "street": f"{rng.randint(1, 140)} {street}",
            "zip": voc["districts"][district]["zip"],
            "email": self._unique_email(first, last, state) if has_email else False,
            "phone": landline or mobile,
            "mobile": mobile,
            "birthdate": fields.Date.today()
            - timedelta(days=age * 365 + rng.randint(0, 364)),
            "preferred_channel": self._preferred_channel(rng, has_email, mobile),
            "consent_email": has_email and rng.random() < 0.92,
            "consent_sms": bool(mobile) and rng.random() < 0.45,
            "consent_post": rng.random() < 0.9,
        }
        if needs and rng.random() < (0.2 if age >= 75 else 0.05):
            need = rng.choice(needs)
            vals["support_need_ids"] = [fields.Command.set(need.ids)]
            vals["support_note"] = need.description
        return vals

    def _near_duplicate_values(self, original, state):
        """The same person registered twice (other e-mail, phone written
        differently): material for the deduplication and merge features."""
        rng = state["rng"]
        vals = dict(original)
        vals.pop("support_need_ids", None)
        if vals.get("email") and rng.random() < 0.5:
            first, last = vals["name"].split(" ", 1)
            vals["email"] = self._unique_email(first, last, state)
        elif vals.get("mobile"):
            vals["mobile"] = vals["mobile"].replace(" ", "")
            vals["email"] = False
        return vals

    @staticmethod
    def _preferred_channel(rng, has_email, mobile):
        if not has_email:
            return rng.choice(["phone", "post"] + (["sms"] if mobile else []))
        return rng.choices(
            ["email", "portal", "phone", "sms", "post"], weights=[45, 22, 18, 8, 7]
        )[0]

    @staticmethod
    def _ascii(text):
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
        return "".join(c for c in text.lower() if c.isalnum() or c in ".-")

    def _unique_email(self, first, last, state):
        rng = state["rng"]
        local = rng.choice(
            [
                f"{first}.{last}",
                f"{first[0]}.{last}",
                f"{first}{last}",
                f"{last}.{first}",
            ]
        )
        local = self._ascii(local.replace(" ", "-"))
        domain = rng.choice(state["voc"]["email_domains"])
        email, suffix = f"{local}@{domain}", 1
        while email in state["emails"]:
            suffix += 1
            email = f"{local}{suffix}@{domain}"
        state["emails"].add(email)
        return email

    @staticmethod
    def _random_mobile(rng):
        # Ranges phonenumbers accepts as French mobiles: 06 (but 063x/069x are
        # partly reserved, so they are skipped) and 073 to 079.
        if rng.random() < 0.75:
            prefix = "6" + rng.choice("01245678")
        else:
            prefix = "7" + rng.choice("3456789")
        digits = prefix + "".join(rng.choice("0123456789") for _ in range(7))
        return "0" + " ".join([digits[0]] + [digits[i : i + 2] for i in (1, 3, 5, 7)])

    @staticmethod
    def _random_landline(rng):
        # Indre-et-Loire landlines: 02 47 XX XX XX.
        rest = "".join(rng.choice("0123456789") for _ in range(6))
        return f"02 47 {rest[:2]} {rest[2:4]} {rest[4:]}"
