from . import test_appointment_timeline
