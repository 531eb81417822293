from . import test_routing_test
