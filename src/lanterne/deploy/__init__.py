"""Putting a help centre online: the nginx site written from the builds (`lanterne deploy nginx`)."""
