"""Moved to :mod:`sim.course.judge` (course logic without widgets); kept so old imports work."""

from ..course.judge import *  # noqa: F403
from ..course.judge import __all__  # noqa: F401
