from . import statistics
