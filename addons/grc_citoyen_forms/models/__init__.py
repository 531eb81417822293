from . import grc_form_question
from . import grc_form_document
from . import grc_form_version
from . import grc_form_engine
from . import grc_form_answer
from . import grc_request_document
from . import grc_request_type
from . import helpdesk_ticket
