from django.db import models

DEFAULT_CRISIS_TEXT = (
    "If you are thinking about hurting yourself, you do not have to face this alone. "
    "Please call your local emergency number now, or contact a crisis line: "
    "in the US call or text 988; in the UK call Samaritans on 116 123. "
    "Your practitioner will also see this and will get in touch."
)


class AgencySettings(models.Model):
    """Agency-wide choices an administrator makes. One row (pk=1)."""

    crisis_text = models.TextField(default=DEFAULT_CRISIS_TEXT)
    keep_transcript_text = models.BooleanField(
        default=False, help_text="Keep transcript text after analysis (codes and metrics are always kept)."
    )
    checkin_link_days = models.PositiveSmallIntegerField(default=7)
    no_contact_alert_days = models.PositiveSmallIntegerField(default=30)

    @classmethod
    def current(cls) -> "AgencySettings":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj
