"""Lanterne's feedback service: records readers' reactions to articles and reports on them."""
