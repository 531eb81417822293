from .open311 import router as open311_router
