"""The shipped coder runs offline on CPU with no PyTorch, onnxruntime or tokenizers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

SCRIPT = """
import json, socket, sys

def refuse(*args, **kwargs):
    raise AssertionError("the coder tried to open a network connection")

socket.socket.connect = refuse
socket.create_connection = refuse
from alliance.coding import load_coder
from alliance.transcripts.model import Transcript, Utterance

coder = load_coder()
codes = coder.code(Transcript([
    Utterance(index=0, speaker="P", role="practitioner", text="What brings you here today?"),
    Utterance(index=1, speaker="C", role="client", text="I want to cut down on drinking."),
]))
heavy = sorted(m for m in ("onnxruntime", "tokenizers", "torch", "transformers") if m in sys.modules)
print(json.dumps({"heavy": heavy, "coded": len(codes)}))
"""


@pytest.mark.slow  # a fresh interpreter, so nothing is imported already
def test_coding_a_session_imports_no_heavy_runtime_and_opens_no_connection():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"heavy": [], "coded": 2}
