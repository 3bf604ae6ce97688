"""Frozen entry point of ``faedah`` (the command line): ``estimator.cli.main:main``."""

import sys

from estimator.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
