"""Scenarios side by side (the comparison view, its chart) and the what-if chart of the disablement page."""
