"""Moved to :mod:`sim.course.answers` (no widgets, so it runs without plotly); kept so
``python -m sim.ui.answers`` and old imports still work."""

import sys

from ..course.answers import *  # noqa: F403
from ..course.answers import __all__, main  # noqa: F401

if __name__ == "__main__":
    sys.exit(main())
