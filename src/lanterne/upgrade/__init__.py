"""`lanterne upgrade`: move a site made by `lanterne new` to another engine wheel or index version, and say what changed."""
