from . import test_spplus
from . import test_channel_usage
