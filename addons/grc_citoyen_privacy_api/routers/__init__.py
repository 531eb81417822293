from .consents import router as grc_consents_router
