"""`lanterne import`: bring a help centre over from Intercom, Zendesk Guide or Help Scout Docs, with its old URLs."""
