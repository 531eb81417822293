from . import fastapi_endpoint
from . import grc_reclamation
