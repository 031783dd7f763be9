"""Content health for the internal build: the feedback service's figures, review dates and gaps, per article and site-wide."""
