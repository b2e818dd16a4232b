from django.db import models

# Shipped wording names no country's service: an agency adds its own numbers (crisis_numbers),
# which are shown in every language.
DEFAULT_CRISIS_TEXT = (
    "If you are thinking about hurting yourself, you do not have to face this alone. "
    "Please call your local emergency number now, or a crisis line near you. "
    "Your practitioner has been told and will get in touch."
)
# What agencies got before the shipped wording stopped naming countries' services (migration 0003).
OLD_DEFAULT_CRISIS_TEXT = (
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
    transcript_retention_days = models.PositiveSmallIntegerField(
        default=90,
        help_text="Days the transcript text is kept with its analysis, so the turns and feedback can be read; then it is "
        "removed (codes, metrics and feedback stay). 0: removed once the practitioner has confirmed who is who.",
    )
    crisis_numbers = models.TextField(
        blank=True,
        help_text="Your own crisis numbers (e.g. 'Our 24-hour line: 0800 000 000'), shown after the crisis text in every language.",
    )
    checkin_link_days = models.PositiveSmallIntegerField(default=7)
    checkin_reminder_days = models.PositiveSmallIntegerField(
        default=3, help_text="Days after sending a check-in link by email before one reminder (0: no reminder)."
    )
    no_contact_alert_days = models.PositiveSmallIntegerField(default=30)
    escalation_working_hours = models.PositiveSmallIntegerField(
        default=4,
        help_text="Working hours an urgent alert may wait unacknowledged before the team's supervisors are told, "
        "and the same again before the duty address.",
    )
    workday_start_hour = models.PositiveSmallIntegerField(default=9, help_text="Working hours start (local time, Monday to Friday).")
    workday_end_hour = models.PositiveSmallIntegerField(default=17, help_text="Working hours end (local time).")
    duty_email = models.EmailField(
        blank=True, help_text="The agency's duty address: told last, when neither the practitioner nor a supervisor has responded."
    )
    supervisors_may_close = models.BooleanField(
        default=False, help_text="Supervisors may close a practitioner's alert (they can always acknowledge it)."
    )

    def own_crisis_text(self, language: str) -> str:
        """The crisis text this agency wrote for ``language`` ('' where it wrote none)."""
        if language == "en":
            return "" if self.crisis_text.strip() == DEFAULT_CRISIS_TEXT.strip() else self.crisis_text.strip()
        return getattr(self, f"crisis_text_{language}", "").strip()

    @classmethod
    def current(cls) -> "AgencySettings":
        obj, _ = cls.objects.get_or_create(pk=1)
        return obj
