from .complaints import router as grc_complaints_router
