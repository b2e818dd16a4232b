from __future__ import annotations

import pytest

from alliance.coding.rules import (
    ADVICE_MIN,
    advice_probability,
    advice_without_permission,
    gives_advice,
    is_affirmation,
)


def exchange(*turns):
    roles = ["practitioner" if who == "P" else "client" for who, _ in turns]
    texts = [text for _, text in turns]
    return roles, texts


ADVICE = {"behaviour": {"therapist_input": 0.95}, "input": {"advice": 0.9}}  # the model is sure it is advice
INFORMATION = {"behaviour": {"therapist_input": 0.95}, "input": {"advice": 0.1}}


def test_advice_out_of_the_blue_is_advice_without_permission():
    roles, texts = exchange(("C", "I've been smoking more since the move."), ("P", "You need to quit smoking now."))
    assert advice_without_permission(roles, texts, 1, ADVICE) is True


def test_advice_after_asking_permission_is_not_flagged():
    roles, texts = exchange(
        ("P", "Would you like to hear what has worked for other people?"),
        ("C", "Yes, please."),
        ("P", "I'd suggest setting a quit date within the next two weeks."),
    )
    assert advice_without_permission(roles, texts, 2, ADVICE) is False


def test_advice_the_client_asked_for_is_not_flagged():
    roles, texts = exchange(("C", "What should I do about the cravings?"), ("P", "Try chewing gum when they come."))
    assert advice_without_permission(roles, texts, 1, ADVICE) is False


def test_permission_asked_in_the_same_breath_is_not_flagged():
    roles, texts = exchange(("C", "It's hard."), ("P", "Is it okay if I make a suggestion? You could try a patch."))
    assert advice_without_permission(roles, texts, 1, ADVICE) is False


def test_a_question_is_not_advice_wording():
    assert gives_advice("What do you think you should do?") is False


def test_advice_wording_alone_no_longer_flags_a_turn_the_model_takes_for_information():
    """A friendly goodbye that starts with a verb was flagged by the old wording rule."""
    roles, texts = exchange(("C", "Thanks, see you next week."), ("P", "Take care of yourself, and call if you need us."))
    assert advice_without_permission(roles, texts, 1, INFORMATION) is False
    assert advice_without_permission(roles, texts, 1, None) is False


def test_the_models_advice_label_counts_as_advice_even_without_advice_words():
    roles, texts = exchange(("C", "I don't know."), ("P", "Cutting back to weekends only would be a good start."))
    assert advice_probability(ADVICE) >= ADVICE_MIN
    assert advice_without_permission(roles, texts, 1, ADVICE) is True


def test_permission_asked_long_before_no_longer_covers_new_advice():
    roles, texts = exchange(
        ("P", "Can I share some information?"),
        ("C", "Okay."),
        ("P", "Drinking raises blood pressure."),
        ("C", "Right."),
        ("P", "So anyway."),
        ("C", "Yeah."),
        ("P", "You have to stop drinking."),
    )
    assert advice_without_permission(roles, texts, 6, ADVICE) is True


@pytest.mark.parametrize(
    "text",
    [
        "You've worked really hard on this.",
        "That took a lot of courage.",
        "Good for you.",
        "You clearly care about your kids.",
        "That's a great step.",
    ],
)
def test_recognising_strengths_and_efforts_is_an_affirmation(text):
    assert is_affirmation(text) is True


@pytest.mark.parametrize(
    "text",
    ["Have you done it before?", "You drink most days.", "Tell me more about that.", "You should be careful."],
)
def test_questions_reflections_and_advice_are_not_affirmations(text):
    assert is_affirmation(text) is False
