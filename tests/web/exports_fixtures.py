"""A finished analysis and scored check-ins built directly (no coder), for the export and paper tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from alliance import measures
from alliance.records import builders
from alliance.records.models import CheckinAnswer, CheckinResponse, ConversationAnalysis

RESULT = {
    "utterances": [
        {"index": 0, "speaker": "Pat", "role": "practitioner", "text": "What would you like to talk about today?", "start": 2.0,
         "end": 5.0, "codes": {"behaviour": "question", "question": "open", "confidence": 0.91}},
        {"index": 1, "speaker": "Client", "role": "client", "text": "=SUM(A1) I want to sleep better.", "start": 6.0, "end": 9.0,
         "codes": {"client_talk": "change", "confidence": 0.8}},
        {"index": 2, "speaker": "Pat", "role": "practitioner", "text": "Sleep matters a lot to you right now.", "start": 3725.0,
         "end": 3730.0, "codes": {"behaviour": "reflection", "reflection": "complex", "affirmation": False, "confidence": 0.7}},
        {"index": 3, "speaker": "Pat", "role": "practitioner", "text": "You should stop using your phone at night.", "start": None,
         "end": None, "codes": {"behaviour": "therapist_input", "input": "advice", "advice_without_permission": True}},
    ],
    "metrics": {"reflection_to_question_ratio": 1.0, "questions": 1, "open_questions": 1, "reflections": 1,
                "complex_reflections": 1, "percent_complex_reflections": 100.0, "percent_open_questions": 100.0,
                "practitioner_talk_share": 0.6, "change_talk": 1, "sustain_talk": 0},
    "feedback": [{"message": "You reflected the client's wish to sleep better at turn 3.", "kind": "reflection", "strength": True,
                  "evidence": [2]}],
    "miti_context": {},
    "journal_prompts": [],
}


def finished_analysis(contact) -> ConversationAnalysis:
    return ConversationAnalysis.objects.create(
        contact=contact, original_name="session.txt", status=ConversationAnalysis.Status.DONE, result=RESULT,
        metrics=RESULT["metrics"], finished_at=timezone.now(), created_by=contact.practitioner,
    )


def checkins(client, totals=((2, 3, 3, 3, 3), (4, 4, 3, 4, 4))) -> list[CheckinResponse]:
    made = []
    for n, answers in enumerate(totals):
        contact = builders.make_contact(client, starts_at=timezone.now() - timedelta(days=14 * (len(totals) - n)))
        result = measures.score("relationship-checkin", answers)
        response = CheckinResponse.objects.create(
            client=client, contact=contact, instrument_id="relationship-checkin", language="en",
            submitted_at=contact.starts_at + timedelta(hours=1), total=result.total, severity=result.severity, score=result.to_dict(),
        )
        CheckinAnswer.objects.bulk_create(CheckinAnswer(response=response, item_index=i, value=v) for i, v in enumerate(answers, 1))
        made.append(response)
    return made
