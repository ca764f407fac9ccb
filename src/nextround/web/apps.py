from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nextround.web"
    label = "nextround_web"
