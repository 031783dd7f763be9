"""Reading docs/ into the model: sources, front matter and its schema, authors, dates, aliases."""
