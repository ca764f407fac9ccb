"""Django models, migrations and query helpers."""
