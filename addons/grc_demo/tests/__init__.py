# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_demo_generator
from . import test_reclamation_demo
from . import test_demo_addon
from . import test_demo_mail_alias
from . import test_demo_generator_bulk
from . import test_journey_tour
