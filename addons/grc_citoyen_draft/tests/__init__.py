from . import test_citizen_draft
from . import test_split_migration
