from .satisfaction import router as grc_satisfaction_router
