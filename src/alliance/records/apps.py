from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "alliance.records"
    label = "records"
    verbose_name = "Alliance records"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from alliance.records.checkin_service import on_contact_saved
        from alliance.records.models import Contact

        # A missed (or attended) contact can open or close engagement alerts.
        post_save.connect(on_contact_saved, sender=Contact, dispatch_uid="alliance.checkins.contact_saved")
