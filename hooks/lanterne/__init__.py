"""Lanterne's help-centre logic: plain Python, no MkDocs objects inside."""
