"""``python -m estimator.cli``."""

from __future__ import annotations

import sys

from estimator.cli.main import main

sys.exit(main())
