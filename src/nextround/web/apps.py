from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "nextround.web"
    label = "nextround_web"

    def ready(self) -> None:
        # Every process that runs Django keeps the search index in step with each save.
        from nextround.services import search_index

        search_index.connect()
