from .drafts import router as grc_drafts_router
