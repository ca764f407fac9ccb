"""Server-rendered pages, htmx partials and static files."""
