"""The case (input), the result (the calculation record), case files and atomic writes."""
