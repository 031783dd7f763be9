"""The editor in the browser: Decap CMS, configured from the front-matter schema, served at /admin/ of the internal build."""
