from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "alliance.web"
    label = "web"
    verbose_name = "Alliance web"

    def ready(self):
        from alliance.web import checks  # noqa: F401  (registers system checks)
