"""Code every utterance of a session: MI behaviours, subtypes, client talk, and two rule-based markers.

Public API: ``load_coder``, ``Coder.code``, ``train``, ``evaluate``.
"""

from alliance.coding.coder import Coder, load_coder
from alliance.coding.codes import Codes
from alliance.coding.evaluation import evaluate
from alliance.coding.training import TrainReport, train

__all__ = ["Codes", "Coder", "TrainReport", "evaluate", "load_coder", "train"]
