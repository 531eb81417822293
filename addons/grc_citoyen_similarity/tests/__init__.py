from . import test_similarity
from . import test_similarity_merge
from . import test_similarity_portal
from . import test_similarity_security
from . import test_expected_delay
from . import test_similarity_portal_fields
