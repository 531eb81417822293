from . import grc_routing_test
