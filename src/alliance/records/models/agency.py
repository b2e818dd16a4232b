from django.db import models

DEFAULT_CRISIS_TEXT = (
    "If you are thinking about hurting yourself, you do not have to face this alone. "
    "Please call your local emergency number now, or contact a crisis line: "
    "in the US call or text 988; in the UK call Samaritans on 116 123. "
    "Your practitioner will also see this and will get in touch."
)


class AgencySettings(models.Model):
    """Agency-wide choices an administrator makes. One row (pk=1)."""

    crisis_text = models.TextField(
        default=DEFAULT_CRISIS_TEXT, help_text="Shown at once after a critical check-in answer (English, and any language without its own text)."
    )
    crisis_text_es = models.TextField(
        blank=True,
        help_text="The same in Spanish, for Spanish check-in links. Blank: the shipped Spanish wording, followed by the text above if you changed it.",
    )
    keep_transcript_text = models.BooleanField(
        default=False, help_text="Keep transcript text after analysis (codes and metrics are always kept)."
    )
    checkin_link_days = models.PositiveSmallIntegerField(default=7)
    no_contact_alert_days = models.PositiveSmallIntegerField(default=30)

    def own_crisis_text(self, language: str) -> str:
        """The crisis text this agency wrote for ``language`` ('' where it wrote none)."""
        if language == "en":
            return "" if self.crisis_text.strip() == DEFAULT_CRISIS_TEXT.strip() else self.crisis_text.strip()
        return getattr(self, f"crisis_text_{language}", "").strip()

    @classmethod
    def current(cls) -> "AgencySettings":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj
