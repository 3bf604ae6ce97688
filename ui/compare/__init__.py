"""Scenarios side by side (the comparison view, its chart) and the what-if chart of the disablement page."""

ACTION_TEXT_KEY = "ui.compare.action"  # the menu entry's text (resources/i18n/ui_compare.json)
