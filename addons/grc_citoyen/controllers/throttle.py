# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Anonymous forms that make the town hall send a mail: limits per client
address and per recipient address, shared by every worker (counted in the
database by grc.tracking.failure), and a honeypot field on our own forms.

The client address is the one Odoo sees: behind a reverse proxy, Odoo must
run with ``proxy_mode`` and the proxy must set ``X-Forwarded-For``, or every
visitor shares the proxy's address.
"""

from odoo.http import request
from odoo.tools import email_normalize

# Hidden from people (and assistive technologies): only robots fill it in.
HONEYPOT_FIELD = "grc_website"


def grc_honeypot_filled(params):
    """True when a robot filled in the field people never see."""
    return bool(str(params.get(HONEYPOT_FIELD) or "").strip())


def grc_throttle_message():
    return request.env._(
        "Too many requests were sent from your connection or to this e-mail "
        "address. Please try again later."
    )


def grc_throttled(email=None):
    """The answer (HTTP 429) when this visitor or this recipient sent too
    many forms; None, once the form is counted, when it may go on."""
    address = email_normalize(email or "") or str(email or "").strip()[:256]
    # The counter lives at the boundary of an anonymous route: sudo.
    throttle = request.env["grc.tracking.failure"].sudo()
    blocked = throttle._grc_throttle(
        {"mail_ip": request.httprequest.remote_addr, "mail_address": address}
    )
    if not blocked:
        return None
    return request.render(
        "grc_citoyen.portal_throttled",
        {"grc_throttle_message": grc_throttle_message()},
        status=429,
    )
