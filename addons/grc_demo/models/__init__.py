# Copyright 2026 GRC Citoyenne contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import grc_demo_generator
from . import grc_demo_generator_citizen
from . import grc_demo_generator_request
from . import grc_demo_generator_timeline
from . import grc_demo_generator_bulk
from . import grc_demo_working_time
from . import grc_reclamation_demo
