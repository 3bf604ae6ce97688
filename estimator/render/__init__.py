"""Renderers: the plain-text summary and the PDF, built from a Result and its presentation."""
