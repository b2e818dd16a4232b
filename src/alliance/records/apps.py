from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "alliance.records"
    label = "records"
    verbose_name = "Alliance records"
    default_auto_field = "django.db.models.BigAutoField"
