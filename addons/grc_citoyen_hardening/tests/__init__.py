from . import test_security_chatter
from . import test_security_fuzz
from . import test_security_headers
from . import test_security_helpdesk_routes
from . import test_security_hostile
from . import test_security_narrowed_routes
from . import test_security_route_inventory
from . import test_security_rpc_post
