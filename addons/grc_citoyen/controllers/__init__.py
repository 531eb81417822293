from . import main
from . import myaccount
from . import portal
from . import portal_similarity
from . import portal_mandate
from . import privacy
from . import api_token_portal
from . import security
