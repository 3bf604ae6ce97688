"""Frozen entry point of ``faedah`` (the command line): ``estimator.cli.main:main``.

``freeze_support()`` first: ``faedah estimate --batch`` spreads large batches over worker processes, and a
frozen worker is this same executable started with multiprocessing's arguments (it must run the worker, not
the command line).
"""

import multiprocessing
import sys

from estimator.cli.main import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
