"""Files written beside the pages: the JSON API, embed pages, search records, redirects, gzip copies."""
