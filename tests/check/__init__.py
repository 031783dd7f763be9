"""Tests of `lanterne check`: each check on fixture sites built here, never on docs/."""
