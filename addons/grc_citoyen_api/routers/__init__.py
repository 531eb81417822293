from .grc_api_v1 import router as grc_api_v1_router
from .grc_api_v1_public import router as grc_api_v1_public_router
