"""`lanterne new`: write a working help centre, pinned to this engine, into a new folder."""
