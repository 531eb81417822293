from .app import public_router as grc_app_public_router
from .app import router as grc_app_router
