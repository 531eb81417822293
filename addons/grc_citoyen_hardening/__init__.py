from . import models
from . import controllers
from . import availability
from . import compression


def post_load():
    # Odoo's WSGI application answers 503 while the database is unreachable
    # (availability.py); nothing in a database is needed for that.
    availability.install()
    # Gzip the text Odoo's own server sends (compression.py, option grc_gzip).
    compression.install()
