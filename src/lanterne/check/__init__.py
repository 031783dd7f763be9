"""`lanterne check`: the content checks that run on whatever docs/ holds.

Each concern has its own module. The checks themselves are pure functions over built output (links,
leaks, embed budget, API shape); the builds, the HTTP server and the browser sit apart, at the edge.
"""
