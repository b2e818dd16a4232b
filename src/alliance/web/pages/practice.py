"""A practitioner's skills and their caseload's relationship check-ins, month by month, in plain words.

Used by "My practice" (one's own trends) and the Team pages (a supervisor's view of each
practitioner, for supervision conversations). Trends compare a person with their own past,
never with colleagues: nothing here ranks or scores people.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.safestring import SafeString

from alliance.records.models import CheckinResponse, ConversationAnalysis
from alliance.web.charts import Line, Point, line_chart

MONTHS = 12
FEW = 3  # fewer sessions than this at either end of a trend: say so
RELATIONSHIP_INSTRUMENT = "relationship-checkin"


@dataclass(frozen=True)
class Skill:
    key: str  # the metric key in ConversationAnalysis.metrics
    label: str
    noun: str  # completes "Your … have risen"
    plural: bool
    scale: float  # multiply the stored value by this to show it
    unit: str  # "" or "%"
    same_within: float  # a change smaller than this reads as "about the same"
    context: str  # what the measure means, in plain words


SKILLS = (
    Skill(
        "reflection_to_question_ratio", "Reflections per question", "reflections per question", True, 1, "", 0.1,
        "Reflections show the client they have been heard. MITI 4.2.1 suggests about 1 reflection per question as fair "
        "and 2 as good; the manual calls these a rough guide from expert opinion, so read them as context, not a target.",
    ),
    Skill(
        "percent_open_questions", "Open questions (% of questions)", "share of open questions", False, 1, "%", 3,
        "Open questions invite the client to tell it in their own words; closed questions check facts.",
    ),
    Skill(
        "percent_complex_reflections", "Complex reflections (% of reflections)", "share of complex reflections", False, 1, "%", 3,
        "Complex reflections add meaning or feeling to what the client said. Telling simple from complex is the "
        "coder's least reliable call, so read this trend loosely; it is not set against MITI's levels.",
    ),
    Skill(
        "practitioner_talk_share", "Share of the talking (%)", "share of the talking", False, 100, "%", 3,
        "How much of the talking was the practitioner's. There is no right number; many aim to listen more than they speak.",
    ),
)


# MITI 4.2.1's 'fair' and 'good' levels, drawn where the manual gives them (a rough guide, as each skill's context says).
SKILL_LINES = {
    "reflection_to_question_ratio": (Line(1, "MITI fair (1)"), Line(2, "MITI good (2)")),
}


@dataclass(frozen=True)
class MonthValue:
    month: date  # the first day of the month
    value: float  # the median, already scaled for showing
    count: int  # sessions (or check-ins) that month

    @property
    def label(self) -> str:
        return self.month.strftime("%b %Y")


@dataclass
class Trend:
    label: str
    months: list[MonthValue]
    note: str
    context: str = ""
    unit: str = ""
    chart: SafeString | None = field(default=None, repr=False)


def window_start(now: datetime | None = None) -> datetime:
    """The start of the month MONTHS - 1 months ago: a year of whole months, this one included."""
    now = timezone.localtime(now or timezone.now())
    year, month = now.year, now.month - (MONTHS - 1)
    while month < 1:
        month += 12
        year -= 1
    return now.replace(year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0)


def _month_of(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def monthly_medians(rows: Iterable[tuple[datetime, float | None]], *, scale: float = 1) -> list[MonthValue]:
    """The median value per calendar month, oldest first; rows without a value are left out."""
    by_month: dict[date, list[float]] = {}
    for moment, value in rows:
        if value is not None:
            by_month.setdefault(_month_of(moment), []).append(float(value) * scale)
    return [MonthValue(m, round(statistics.median(v), 2), len(v)) for m, v in sorted(by_month.items())]


def _month_name(month: date, today: date) -> str:
    return month.strftime("%B") if month.year == today.year else month.strftime("%B %Y")


def _show(value: float, unit: str) -> str:
    return f"{value:.0f}%" if unit == "%" else f"{value:.1f}"


def trend_note(subject: str, noun: str, plural: bool, months: Sequence[MonthValue], *, unit: str = "", same_within: float = 0,
               what: str = "analysed sessions", today: date | None = None) -> str:
    """One plain sentence that rests on every month, e.g. "Your reflections per question have risen from 0.6 to 1.1 since
    September." With three months or more it compares the typical (median) month of the recent half with the earlier half,
    so one unusual month at either end cannot make the trend."""
    today = today or timezone.localdate()
    have, were = ("have", "were") if plural else ("has", "was")
    if not months:
        return f"No {what} in the last {MONTHS} months yet."
    last = months[-1]
    if len(months) == 1:
        return f"{subject} {noun} {were} {_show(last.value, unit)} in {_month_name(last.month, today)} (one month of {what} so far)."
    if len(months) == 2:
        earlier, recent = months[:1], months[1:]
    else:
        half = len(months) // 2
        earlier, recent = months[:half], months[half:]
    before = statistics.median(m.value for m in earlier)
    after = statistics.median(m.value for m in recent)
    since = _month_name(months[0].month, today)
    few = _few(earlier, recent, what, today)
    if len(months) == 2:
        then, now = _show(before, unit), _show(after, unit)
        if abs(after - before) < same_within or then == now:
            return (f"{subject} {noun} {have} stayed about the same since {since} "
                    f"({then} then, {now} in {_month_name(last.month, today)}).") + few
        verb = "risen" if after > before else "fallen"
        return f"{subject} {noun} {have} {verb} from {then} to {now} since {since}." + few
    spans = f"a typical month was {_show(before, unit)} {_span(earlier, today)} and {_show(after, unit)} {_span(recent, today)}"
    if abs(after - before) < same_within or _show(before, unit) == _show(after, unit):
        return f"{subject} {noun} {have} stayed about the same since {since}: {spans}." + few
    verb = "risen" if after > before else "fallen"
    return f"{subject} {noun} {have} {verb} since {since}: {spans}." + few


def _span(months: Sequence[MonthValue], today: date) -> str:
    if len(months) == 1:
        return f"in {_month_name(months[0].month, today)}"
    return f"from {_month_name(months[0].month, today)} to {_month_name(months[-1].month, today)}"


def _few(earlier: Sequence[MonthValue], recent: Sequence[MonthValue], what: str, today: date) -> str:
    """A caution when either half of a trend rests on very few sessions or check-ins."""
    before, after = sum(m.count for m in earlier), sum(m.count for m in recent)
    if min(before, after) >= FEW:
        return ""
    return f" Only {before} {_span(earlier, today)} and {after} {_span(recent, today)}, so read it lightly."


def analyzed_rows(practitioner_ids: Iterable, since: datetime) -> list[tuple]:
    """(practitioner id, contact start, metrics) of every analysis that counts since ``since``. One query.

    Only analyses whose speakers were confirmed and that were not left out count (docs/conversations.md)."""
    return list(
        ConversationAnalysis.counted().filter(
            contact__practitioner_id__in=list(practitioner_ids),
            contact__starts_at__gte=since,
            metrics__isnull=False,
        )
        .order_by("contact__starts_at")
        .values_list("contact__practitioner_id", "contact__starts_at", "metrics")
    )


def _skill_chart(skill: Skill, months: Sequence[MonthValue], subject: str) -> SafeString | None:
    if not months:
        return None
    # Reflections per question: 0-4 whatever one month did (a month above sits on the edge with an arrow).
    high = 100 if skill.unit == "%" else 4
    return line_chart(
        [Point(m.month.strftime("%b"), round(m.value, 0 if skill.unit == "%" else 2)) for m in months],
        title=f"{subject} {skill.noun}, monthly median",
        y_min=0, y_max=high, y_label=skill.label, lines=SKILL_LINES.get(skill.key, ()),
    )


def skill_trends(rows: Iterable[tuple], *, subject: str = "Your", charts: bool = True, today: date | None = None) -> list[Trend]:
    """One Trend per skill from (…, contact start, metrics) rows of one practitioner."""
    rows = list(rows)
    trends = []
    for skill in SKILLS:
        months = monthly_medians(((r[1], (r[2] or {}).get(skill.key)) for r in rows), scale=skill.scale)
        trends.append(Trend(
            label=skill.label,
            months=months,
            note=trend_note(subject, skill.noun, skill.plural, months, unit=skill.unit, same_within=skill.same_within, today=today),
            context=skill.context,
            unit=skill.unit,
            chart=_skill_chart(skill, months, subject) if charts else None,
        ))
    return trends


def relationship_trend(practitioner, since: datetime, *, whose: str = "your") -> Trend:
    """The caseload's relationship check-ins: the monthly median of every client's answers. One query."""
    rows = CheckinResponse.objects.filter(
        client__practitioner=practitioner, instrument_id=RELATIONSHIP_INSTRUMENT, submitted_at__gte=since, total__isnull=False
    ).values_list("submitted_at", "total")
    months = monthly_medians(rows)
    note = trend_note(
        f"Across {whose} caseload, the", "middle relationship check-in", False, months, same_within=0.1,
        what="relationship check-ins",
    )
    chart = None
    if months:
        chart = line_chart(
            [Point(m.month.strftime("%b"), m.value) for m in months],
            title="Relationship check-ins across the caseload, monthly median", y_min=0, y_max=4,
            lines=[Line(3, "Talk below 3")], y_label="Relationship check-in (0–4)",
        )
    return Trend(
        "Relationship check-ins across the caseload", months, note,
        context="Each month's middle value of what clients said about the working relationship (0 to 4). Low answers "
        "are an invitation to talk about the relationship, not a verdict on it.",
        chart=chart,
    )
