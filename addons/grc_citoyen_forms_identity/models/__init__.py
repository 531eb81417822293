from . import grc_form_question
from . import res_partner
