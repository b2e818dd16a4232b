"""Client check-in instruments as data: scoring, reliable change, alerts and exports.

No Django here: the web app and CLI call these functions with plain data.
"""

from alliance.measures.alerts import Alert, AlertSettings, alerts, crisis_text
from alliance.measures.change import Change, change, jacobson_truax_threshold
from alliance.measures.csv_export import responses_csv
from alliance.measures.expected import (
    MINIMUM_PAST_CLIENTS,
    ExpectedBands,
    PastOutcome,
    expected_change_bands,
)
from alliance.measures.fhir import fhir_bundle
from alliance.measures.history import CheckinRecord, ClientHistory, ContactRecord
from alliance.measures.instruments import (
    get_instrument,
    list_instruments,
    load_instrument,
)
from alliance.measures.model import Instrument, InstrumentText, Licence
from alliance.measures.scoring import Score, score

__all__ = [
    "Alert",
    "AlertSettings",
    "Change",
    "CheckinRecord",
    "ClientHistory",
    "ContactRecord",
    "ExpectedBands",
    "Instrument",
    "InstrumentText",
    "Licence",
    "MINIMUM_PAST_CLIENTS",
    "PastOutcome",
    "Score",
    "alerts",
    "change",
    "crisis_text",
    "expected_change_bands",
    "fhir_bundle",
    "get_instrument",
    "jacobson_truax_threshold",
    "list_instruments",
    "load_instrument",
    "responses_csv",
    "score",
]
