"""Frozen entry point of ``faedah`` (the command line): ``estimator.cli:main``."""

import sys

from estimator.cli import main

if __name__ == "__main__":
    sys.exit(main())
