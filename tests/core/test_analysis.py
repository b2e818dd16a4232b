"""analyze(): the whole pipeline on real transcripts, and the JSON, Markdown and HTML it gives."""

from __future__ import annotations

import json
import re

from alliance import analyze
from alliance.analysis import analyze_transcript, fit_to_role, without_text
from alliance.coding.codes import Codes
from alliance.transcripts import parse, sample_path
from tests.core.coded_sessions import _CLIENT, _PRACTITIONER

# A short session as the practitioner would type it, with the code each turn should get.
SESSION = [
    ("Maria", "What brings you in today?", "OQ"),
    ("Sam", "My GP said I should talk to someone about the drinking.", "C0"),
    ("Maria", "Do you drink every day?", "CQ"),
    ("Sam", "Most days.", "C0"),
    ("Maria", "Is it more at weekends?", "CQ"),
    ("Sam", "Yes.", "C0"),
    ("Maria", "Do you drink alone?", "CQ"),
    ("Sam", "Sometimes. I do want to be around for my daughter, though.", "C+"),
    ("Maria", "How old is she?", "OQ"),
    ("Sam", "Nine. I don't think I could stop completely.", "C-"),
    ("Maria", "Stopping completely feels out of reach right now.", "SR"),
    ("Sam", "It does.", "C0"),
    ("Maria", "You should try alcohol-free days.", "ADV!"),
]
TEXT = "\n".join(f"{speaker}: {text}" for speaker, text, _ in SESSION)

UTTERANCE_KEYS = {"index", "speaker", "role", "text", "start", "end", "codes"}
CODE_KEYS = {"behaviour", "question", "reflection", "input", "client_talk"}


class ScriptedCoder:
    """Stands in for the model so the feedback's evidence is known in advance."""

    name = "scripted"
    artifact_hash = "sha256:test"

    def __init__(self, labels):
        self.labels = labels

    def code(self, transcript, progress=None):
        out = []
        for i, label in enumerate(self.labels):
            out.append(Codes(**_PRACTITIONER[label]) if label in _PRACTITIONER else Codes(client_talk=_CLIENT[label]))
            if progress:
                progress(i + 1, len(self.labels))
        return out


def scripted():
    return ScriptedCoder([label for *_, label in SESSION])


def test_analysis_json_has_every_documented_key():
    data = analyze(TEXT, practitioner="Maria", coder=scripted()).to_dict()
    assert set(data) == {
        "utterances", "metrics", "feedback", "pipeline", "role_note", "role_guess", "coding_note", "miti_context",
        "journal_prompts",
    }
    assert len(data["utterances"]) == len(SESSION)
    for u in data["utterances"]:
        assert set(u) == UTTERANCE_KEYS
        assert CODE_KEYS <= set(u["codes"])
    for item in data["feedback"]:
        assert {"kind", "strength", "form", "message", "evidence", "quotes", "claims"} == set(item)
    json.dumps(data)  # plain JSON, nothing exotic


def test_codes_that_do_not_apply_to_a_speaker_are_null():
    data = analyze(TEXT, practitioner="Maria", coder=scripted()).to_dict()
    question, answer = data["utterances"][0], data["utterances"][1]
    assert question["codes"]["behaviour"] == "question" and question["codes"]["question"] == "open"
    assert question["codes"]["reflection"] is None and question["codes"]["client_talk"] is None
    assert answer["codes"]["client_talk"] == "neutral"
    assert all(answer["codes"][k] is None for k in ("behaviour", "question", "reflection", "input"))
    # Text has no times: start and end are null, not 0.
    assert question["start"] is None and question["end"] is None


def test_a_coder_that_labels_the_wrong_speaker_is_corrected_to_fit_the_role():
    fitted = fit_to_role(Codes(behaviour="question", question="open", client_talk="change"), "client")
    assert fitted == Codes(client_talk="change")
    assert fit_to_role(Codes(behaviour="other", confidence=0.9), "other") == Codes()


def test_feedback_quotes_the_utterances_it_rests_on():
    data = analyze(TEXT, practitioner="Maria", coder=scripted()).to_dict()
    by_kind = {item["kind"]: item for item in data["feedback"]}
    texts = [u["text"] for u in data["utterances"]]
    run = by_kind["closed_question_run"]
    assert run["evidence"] == [2, 4, 6]
    assert run["quotes"] == [texts[2]]
    missed = by_kind["missed_change_talk"]
    assert missed["evidence"] == [7, 8]
    assert missed["quotes"] == ["Sometimes. I do want to be around for my daughter, though."]
    advice = by_kind["advice_without_permission"]
    assert advice["evidence"] == [12] and advice["quotes"] == ["You should try alcohol-free days."]
    sustain = by_kind["strength_sustain_reflected"]
    assert sustain["evidence"] == [9, 10]
    # Strengths come first.
    assert [item["strength"] for item in data["feedback"]] == sorted((i["strength"] for i in data["feedback"]), reverse=True)


def test_metrics_come_from_the_parsed_and_coded_session():
    m = analyze(TEXT, practitioner="Maria", coder=scripted()).to_dict()["metrics"]
    # Questions at 0, 2, 4, 6, 8 (open 0 and 8); one simple reflection at 10.
    assert (m["questions"], m["open_questions"], m["closed_questions"], m["reflections"]) == (5, 2, 3, 1)
    assert m["reflection_to_question_ratio"] == 0.2
    assert m["percent_complex_reflections"] == 0.0
    assert (m["change_talk"], m["sustain_talk"], m["change_talk_share"], m["advice_without_permission"]) == (1, 1, 0.5, 1)


def test_the_pipeline_records_stage_names_versions_and_the_model_hash():
    pipeline = analyze(TEXT, practitioner="Maria", coder=scripted()).to_dict()["pipeline"]
    assert [(s["name"], s["version"]) for s in pipeline["stages"]] == [
        ("alliance.transcripts.v1", "v1"), ("alliance.coder.v3", "v3"),
        ("alliance.metrics.v1", "v1"), ("alliance.feedback.v2", "v2"),
    ]
    assert pipeline["stages"][2]["reads"] == ["transcript", "codes"]
    assert pipeline["stages"][3]["adds"] == ["feedback", "journal_prompts"]
    assert pipeline["model"] == {"name": "scripted", "artifact_hash": "sha256:test"}


def test_a_path_text_and_bytes_give_the_same_analysis(tmp_path):
    path = tmp_path / "session.txt"
    path.write_text(TEXT, encoding="utf-8")
    results = [analyze(source, practitioner="Maria", coder=scripted()).to_dict() for source in (path, str(path), TEXT, TEXT.encode())]
    assert all(r["utterances"] == results[0]["utterances"] and r["feedback"] == results[0]["feedback"] for r in results)


def test_progress_is_reported_as_turns_are_coded():
    seen = []
    analyze_transcript(parse(TEXT, practitioner="Maria"), scripted(), progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (1, len(SESSION)) and seen[-1] == (len(SESSION), len(SESSION))


def test_progress_from_a_coder_that_names_its_stage_is_passed_on_as_done_and_total():
    class StagedCoder(ScriptedCoder):
        def code(self, transcript, progress=None):
            return super().code(transcript, progress=lambda done, total: progress("code", done, total))

    seen = []
    analyze_transcript(parse(TEXT, practitioner="Maria"), StagedCoder(scripted().labels), progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (len(SESSION), len(SESSION))


def test_guessed_roles_are_explained_in_the_role_note():
    data = analyze(sample_path("zoom_vtt"), coder=_all_other()).to_dict()
    assert "guessed" in data["role_note"]
    assert analyze(TEXT, practitioner="Maria", coder=scripted()).to_dict()["role_note"] == ""


def test_markdown_report_shows_feedback_metrics_caveat_and_coded_turns():
    md = analyze(TEXT, practitioner="Maria", coder=scripted()).to_markdown()
    # Closed-question runs are not asserted with the shipped precision table: offered as a question.
    assert "## Questions to reflect on" in md and "## What went well" not in md
    assert 'Look again at turns 3 to 7, starting with "Do you drink every day?".' in md
    assert "expert opinion" in md
    assert "| 13 | Maria (practitioner) | advice without permission | You should try alcohol-free days. |" in md


def test_html_report_is_self_contained_and_shows_codes_as_words():
    page = analyze(TEXT, practitioner="Maria", coder=scripted()).to_html()
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)  # no external assets
    assert "<script" not in page
    assert '<span class="code">closed question</span>' in page
    assert '<tr id="turn-8" class="client">' in page
    assert '<a href="#turn-8">turn 8</a>' in page  # feedback links to the change talk it quotes
    assert "expert opinion" in page


def test_html_escapes_what_people_said():
    page = analyze("Maria: <b>Hello</b> & welcome?\nSam: <script>x</script>", practitioner="Maria",
                   coder=ScriptedCoder(["OQ", "C0"])).to_html()
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page


def _all_other():
    class Other:
        name, artifact_hash = "other", None

        def code(self, transcript, progress=None):
            return [Codes(behaviour="other") for _ in transcript.utterances]

    return Other()


def test_the_shipped_coder_gives_a_complete_analysis_whose_feedback_quotes_its_evidence():
    from alliance.coding import load_coder

    coder = load_coder()
    analysis = analyze(sample_path("zoom_vtt"), practitioner="Maria Okafor", coder=coder)
    data = analysis.to_dict()
    assert data["pipeline"]["model"] == {"name": coder.name, "artifact_hash": coder.artifact_hash, "variant": "edited"}
    assert data["coding_note"] == ""  # an edited transcript: nothing to say about its text
    roles = {u["role"] for u in data["utterances"]}
    assert roles == {"practitioner", "client"}
    for u in data["utterances"]:
        if u["role"] == "practitioner":
            assert u["codes"]["behaviour"] in ("question", "reflection", "therapist_input", "other")
            assert u["codes"]["client_talk"] is None
        else:
            assert u["codes"]["client_talk"] in ("change", "neutral", "sustain")
            assert u["codes"]["behaviour"] is None
    assert data["feedback"], "a real session gets some feedback"
    for item in data["feedback"]:
        quoted = [" ".join(data["utterances"][i]["text"].split()) for i in item["evidence"]]
        assert all(any(text.startswith(q.rstrip("…")) for text in quoted) for q in item["quotes"])
        for q in item["quotes"]:
            assert q in item["message"]


def test_every_top_level_key_of_the_json_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "analysis.md").read_text(encoding="utf-8")
    data = analyze(TEXT, practitioner="Maria", coder=scripted()).to_dict()
    assert [key for key in data if f"| `{key}` |" not in doc] == []


def test_without_text_the_json_keeps_codes_metrics_and_evidence_but_no_word_of_the_transcript():
    analysis = analyze(TEXT, practitioner="Maria", coder=scripted())
    full, bare = analysis.to_dict(), analysis.to_dict(text=False)
    assert bare["metrics"] == full["metrics"] and bare["pipeline"] == full["pipeline"]
    assert [u["codes"] for u in bare["utterances"]] == [u["codes"] for u in full["utterances"]]
    assert all("text" not in u for u in bare["utterances"])
    assert [item["evidence"] for item in bare["feedback"]] == [item["evidence"] for item in full["feedback"]]
    assert all("quotes" not in item for item in bare["feedback"])
    stored = json.dumps(bare)
    assert not [text for _, text, _ in SESSION if len(text) > 20 and text in stored]


def test_without_text_speakers_are_named_by_their_roles_and_the_role_note_goes():
    text = "Maria: How are you?\nSam: Fine.\nAnn: He is not.\nMaria: Tell me more.\nSam: Well, I sleep badly.\nAnn: Yes.\nBo: Hi.\n"
    data = analyze(text, practitioner="Maria", coder=ScriptedCoder(["OQ", "C0", "C0", "OQ", "C0", "C0", "C0"])).to_dict()
    roles = {u["speaker"]: u["role"] for u in data["utterances"]}
    bare = without_text(data)
    renamed = [u["speaker"] for u in bare["utterances"]]
    expected = {"practitioner": "Practitioner", "client": "Client"}
    assert renamed[0] == "Practitioner" and renamed[1] == expected[roles["Sam"]]
    assert len(set(renamed)) == len(roles)  # still one name per person
    assert not {"Maria", "Sam", "Ann", "Bo"} & set(renamed)
    assert bare["role_note"] == "" and bare["role_guess"] is None
    assert "Maria" not in json.dumps(bare) and "Sam" not in json.dumps(bare)


def test_a_transcript_without_punctuation_is_coded_by_the_captions_variant_and_the_analysis_says_so():
    from alliance.coding import load_coder
    from alliance.coding.augment import unpunctuated
    from alliance.report.labels import CODING_NOTES
    from alliance.transcripts import parse

    edited = parse(sample_path("zoom_vtt"), practitioner="Maria Okafor")
    captions = "\n".join(f"{u.speaker}: {unpunctuated(u.text)}" for u in edited.utterances)
    analysis = analyze(captions, practitioner="Maria Okafor", coder=load_coder())
    data = analysis.to_dict()
    assert data["pipeline"]["model"]["variant"] == "captions"
    assert data["coding_note"] == CODING_NOTES["captions"]
    assert data["coding_note"].startswith("This transcript has little or no punctuation")
    assert data["coding_note"] in analysis.to_markdown() and data["coding_note"] in analysis.to_html()
    assert analysis.to_dict(text=False)["coding_note"] == data["coding_note"]  # it quotes nobody, so it stays


def test_a_coder_without_variants_records_none_and_gives_no_coding_note():
    data = analyze(TEXT, practitioner="Maria", coder=scripted()).to_dict()
    assert "variant" not in data["pipeline"]["model"] and data["coding_note"] == ""
