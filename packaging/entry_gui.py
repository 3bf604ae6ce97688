"""Frozen entry point of ``faedah-gui``: runs the ``ui`` package exactly like ``python -m ui``."""

import runpy

if __name__ == "__main__":
    runpy.run_module("ui", run_name="__main__")
