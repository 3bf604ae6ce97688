"""``python -m ui``: start the Faedah desktop app."""

import gc
import sys

gc.disable()  # start-up allocates much and frees little: no collection passes until the window shows (ui.app)

from ui.app import main  # noqa: E402 (after the line above)

sys.exit(main())
