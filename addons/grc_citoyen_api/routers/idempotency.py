# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One convention for every submission of the app API (requests, requests
with a form, complaints): the app sends an ``Idempotency-Key`` per
submission and the same key with each of its retries; a retry answers what
the first call created, with the header ``Idempotent-Replayed: true``.

``idempotent_submit`` is the one place that runs such a submission and turns
the intake's refusals into the API's errors, so that every router answers
them alike (422 with one detail per field, 409 for a key already used)."""

from typing import Annotated

from fastapi import Header

from odoo.addons.grc_citoyen.tools.intake import GrcIntakeError

from ..models.helpdesk_ticket_api import GrcIdempotencyConflict
from .errors import GrcApiError, invalid_error

REPLAYED_HEADER = "Idempotent-Replayed"
KEY_HEADER = "Idempotency-Key"


def idempotency_key_header(max_length=128, what="submission"):
    """The optional ``Idempotency-Key`` header, at most ``max_length`` long
    (what the model storing it keeps)."""
    return Annotated[
        str | None,
        Header(
            alias=KEY_HEADER,
            min_length=8,
            max_length=max_length,
            pattern=r"^[A-Za-z0-9_.:-]+$",
            description=f"Unique per {what} (a UUID), the same for its retries.",
        ),
    ]


def intake_details(errors, field_names=None):
    """The intake's per-field messages as the API's error details, the fields
    renamed with ``field_names`` (model's name -> API's name)."""
    field_names = field_names or {}
    return [
        {"field": field_names.get(field, field), "message": message}
        for field, message in errors.items()
    ]


def idempotency_conflict(error):
    """The 409 answered for a key already used for something else."""
    return GrcApiError(409, "idempotency_conflict", error.args[0], field=KEY_HEADER)


def idempotent_submit(env, response, submit, field_names=None):
    """Run ``submit()``, which returns ``(record, replayed)``, and answer as
    the API does: the record, with ``Idempotent-Replayed: true`` on a retry.

    A key already used for something else (``GrcIdempotencyConflict``) is a
    409 ``idempotency_conflict``; values the intake refuses
    (``GrcIntakeError``) are a 422 listing each field, named with
    ``field_names``."""
    try:
        record, replayed = submit()
    except GrcIdempotencyConflict as error:
        raise idempotency_conflict(error) from error
    except GrcIntakeError as error:
        raise invalid_error(
            env, intake_details(error.errors, field_names), error.args[0]
        ) from error
    if replayed:
        response.headers[REPLAYED_HEADER] = "true"
    return record
