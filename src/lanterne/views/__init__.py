"""What a reader sees, computed from the model: the index, audiences, languages, tags, related articles."""
