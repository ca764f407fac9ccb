from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "nextround.store"
    label = "nextround"
    verbose_name = "nextround"
    default_auto_field = "django.db.models.BigAutoField"
