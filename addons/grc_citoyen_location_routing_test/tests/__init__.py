from . import test_routing_test_district
