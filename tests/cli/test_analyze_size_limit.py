"""`alliance analyze` refuses a transcript larger than ALLIANCE_MAX_UPLOAD_BYTES at once, with one sentence."""

from __future__ import annotations

import time

from typer.testing import CliRunner

from alliance.cli.main import app


def test_a_transcript_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("ALLIANCE_MAX_UPLOAD_BYTES", "2048")
    big = tmp_path / "huge.txt"
    big.write_text("Alex: How has the week been?\nSam: Long.\n" * 200, encoding="utf-8")
    started = time.monotonic()
    result = CliRunner().invoke(app, ["analyze", str(big)])
    assert result.exit_code == 1
    expected = (
        f"Error: {big} is 7.8 KiB, larger than the 2.0 KiB Alliance analyses at once. "
        "Split the transcript into parts, or raise ALLIANCE_MAX_UPLOAD_BYTES."
    )
    assert "".join(result.stderr.split()) == "".join(expected.split())  # Rich may wrap a long path
    assert time.monotonic() - started < 5


def test_the_default_limit_is_five_mebibytes(tmp_path, monkeypatch):
    monkeypatch.delenv("ALLIANCE_MAX_UPLOAD_BYTES", raising=False)
    big = tmp_path / "huge.txt"
    with big.open("w", encoding="utf-8") as fh:
        fh.write("Alex: " + "words " * (5 * 1024 * 1024 // 6 + 10) + "\n")
    result = CliRunner().invoke(app, ["analyze", str(big)])
    assert result.exit_code == 1
    assert "larger than the 5.0 MiB Alliance analyses at once" in " ".join(result.stderr.split())
