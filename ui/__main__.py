"""``python -m ui``: start the Faedah desktop app."""

import sys

from ui.app import main

sys.exit(main())
