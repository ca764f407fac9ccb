"""Pure text analysis and coaching content: no Django, no database, no settings."""
