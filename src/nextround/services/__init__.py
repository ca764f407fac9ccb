"""Use cases shared by the CLI and the web: the only place where storage and coaching meet."""
