from .forms import router as forms_router
