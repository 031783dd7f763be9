"""Where reactions are kept: the Store protocol, the opener, SQLite and PostgreSQL."""
