"""One catalogue of the messages Alliance shows people when input is wrong.

Every message has a short stable code. Core code raises ``AllianceError`` (or a
subclass) with a code and the fields the template needs; the edges (CLI, web)
show ``str(error)``: one plain sentence that says what and where. Tests assert
the exact text, so change a template only on purpose.

Sections belong to the modules named in their comments; add codes to your own
section only.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # --- general (G) ---------------------------------------------------------
    "G001": "{path}: no such file.",
    "G002": "{path}: could not be read as UTF-8 text ({detail}).",
    "G003": "Running a batch on Dask needs the batch extra: pip install 'alliance[batch]'.",
    # --- alliance.batch and `alliance batch` (B) ---------------------------------
    "B001": "{path}: no such file or folder.",
    "B002": "{url}: Alliance could not read from this address ({detail}).",
    "B003": "{path}: Alliance writes batch results as .jsonl or .parquet; give the output file one of these endings.",
    "B004": "{path}: the results could not be written there ({detail}). Choose a folder that exists and that you can write to.",
    "B005": "Could not reach the Dask scheduler at {address} ({detail}). Check that the scheduler is running and that the address is right.",
    "B006": "Writing Parquet needs pyarrow, part of the batch extra: pip install 'alliance[batch]'.",
    "B007": "{path}: the workers wrote their results there, but this machine cannot read them. Give --shards a folder or URL that the workers and this machine can both reach.",
    "B008": "{path}: a worker could not write its results there ({detail}). Give --shards a folder or URL that every worker can write to and this machine can read.",
    "B009": "A Dask worker stopped the batch: {detail}",
    # --- alliance.transcripts (T) ---------------------------------------------
    "T001": "{path}, line {line}: this is not UTF-8 text (byte {byte} at column {column}). Save the file as UTF-8 and try again.",
    "T002": "{path}, line 1: the file is empty (expected a session transcript).",
    "T003": "{path}, line {line}: no one says anything in this file (expected {expected}).",
    "T004": "{path}, line {line}: a WebVTT file must start with 'WEBVTT', found {found!r}. If this is an SRT file, write its times with a comma (00:00:01,000).",
    "T005": "{path}, line {line}: {value!r} is not a valid time (expected {expected})",
    "T006": "{path}, line {line}: expected a cue timing like '{example}', found {found!r}.",
    "T007": "{path}, line {line}: the cue ends at {end} before it starts at {start} (expected an end time at or after the start).",
    "T008": "{path}, line {line}: expected the line to start with a speaker, like 'Maria: ...' or 'T: ...', found {found!r}.",
    "T009": "{path}, line 1: the CSV has no {column!r} column (expected columns {expected}; found {found}).",
    "T010": "{path}, line {line}: the {column!r} cell is empty (expected {expected}).",
    "T011": "{path}, line {line}: {value!r} is not a role (expected practitioner, client or other).",
    "T012": "{path}, line {line}: this could not be read as {kind} ({detail}).",
    "T013": "{path}, line {line}: expected a list of utterances or an object with an 'utterances' list, found {found}.",
    "T014": "{path}, line {line}: item {item} has no {field!r} (expected an object with 'speaker' and 'text').",
    "T015": "{path}, line {line}: item {item}, {field!r} should be {expected}, not {found}.",
    "T016": "{path}, line 2: this AnnoMI file holds {count} transcripts (ids {ids}); read one at a time with read_annomi(path, transcript_id=...).",
    "T017": "{path}: there is no transcript with id {transcript_id!r} (the ids are {ids}).",
    "T018": "{path}, line {line}: {value!r} is not an AnnoMI interlocutor (expected therapist or client).",
    "T019": "{path}: no speaker is called {names} (the speakers are {speakers}). Check the --practitioner name.",
    "T020": "{path}: {format!r} is not a transcript format (expected one of {expected}).",
    "T021": "{path}, line {line}: a quote (\") opens here and is never closed, so the rest of the file would become one cell. Close the quote or remove it.",
    "T022": "{path}: no speaker is called {label!r} (the speakers are {speakers}). Check the name given for who is who.",
    "T023": "--speaker {given!r}: expected NAME=ROLE, where ROLE is practitioner, client or other, or another speaker's name to merge the two (for example --speaker \"Dana R=DANA\").",
    "T024": "{path}: {value!r} for {label!r} is neither a role (practitioner, client or other) nor another speaker (the speakers are {speakers}).",
    "T025": "{path}: {label!r} was given two roles, {first} and {second}, once the names were merged. Give the person one role.",
    "T026": "{path}: {names} are each merged into the other. Merge them all into one of the names.",
    # --- alliance.coding (C) --------------------------------------------------
    # C001-C003 are retired: training reads AnnoMI through transcripts/annomi.py, so a missing column
    # is T009 and an unknown interlocutor T018, as for any AnnoMI file (docs/coding.md).
    "C004": "{path}: the file has no utterances to code.",
    "C005": "{task!r} is not an evaluation task (expected one of {expected}).",
    "C006": "{path}: there are no {task} utterances with an expert label to evaluate against.",
    "C007": "{path}: no trained coder here (expected {expected}). Train one with: alliance train",
    "C008": "{path}: the coder artifact cannot be used ({detail}). Train it again with: alliance train",
    "C009": "{path}: the training data folder has no {name} (expected AnnoMI's train.csv and dev.csv). Set ALLIANCE_DATA_DIR or pass --data.",
    # --- alliance.analysis and `alliance analyze` (N) -------------------------
    "N001": "{path}: the report could not be written there ({detail}). Choose a folder that exists and that you can write to.",
    "N002": "{path} is {size}, larger than the {limit} Alliance analyses at once. Split the transcript into parts, or raise ALLIANCE_MAX_UPLOAD_BYTES.",
    # --- alliance.measures (M) ------------------------------------------------
    "M001": "There is no instrument called '{instrument_id}'. Instruments you can use: {known}.",
    "M002": "{name} ({instrument_id}) cannot be used: its licence does not permit this use ({reason}). An agency that holds a licence can supply the instrument itself; see docs/measures.md.",
    "M003": "{name} needs {count} answers, each a whole number from {low} to {high}; you gave {got}.",
    "M004": "{name} needs {count} answers, each a whole number from {low} to {high}; answer {position} is {value}.",
    "M005": "{name} cannot be scored: {missing} of its {count} answers are missing (answer {positions}) and it allows at most {allowed} missing.",
    "M006": "{name} has no wording in '{language}'; it is available in: {available}.",
    "M007": "{path}: not a usable instrument file ({detail}).",
    "M008": "{name} totals run from {low:g} to {high:g}; the {which} total {value:g} is outside that range.",
    "M009": "{name} has no reliable-change value, so a change on it cannot be judged reliable; talk the answers through with the client instead.",
    "M010": "Answers must be whole numbers separated by commas (leave a gap, as in 1,,2, for an unanswered item); '{text}' is not a whole number.",
    "M011": "Jacobson-Truax reliable change for {name} needs its standard deviation and reliability, and the instrument file gives none.",
    "M012": "The reliable-change method must be 'auto', 'published' or 'jacobson_truax', not '{method}'.",
    "M013": "The expected-change minimum must be a whole number of 2 or more, not {value!r}.",
    # --- alliance.measures.gas: goal attainment scaling (P) --------------------
    "P001": "Goal {goal!r}: {level!r} is not a goal attainment level (expected a whole number from -2 to +2).",
    "P002": "Goal {goal!r}: the weight must be a positive number, not {weight!r}.",
    "P003": "The correlation between goals (rho) must be a number from 0 to 1, not {rho!r}.",
    # --- web: conversations and background jobs (V) ---------------------------
    "V001": "Transcripts can only be analysed when the client has agreed to it for this contact. You can record their consent on the contact.",
    "V002": "Choose a transcript file or paste the transcript text.",
    "V003": "Choose a file or paste text, not both.",
    "V004": "{name} is {size}, larger than the {limit} this agency accepts. Split the transcript into parts, or ask your administrator about ALLIANCE_MAX_UPLOAD_BYTES.",
    "V005": "Something went wrong on our side while analysing this transcript (reference {reference}). Please upload it again; if it keeps happening, your administrator can look up the reference in the worker's log.",
    "V006": "The analysis was interrupted {attempts} times before it could finish. Please upload the transcript again.",
    # --- web: check-ins and exports (K) ----------------------------------------
    "K001": "There is no client with id '{client_id}'. Copy the id from the address of the client's page (/clients/<id>/).",
    "K002": "'{value}' is not a client id (expected a UUID such as 6f1c2a52-3c4e-4d0f-9a55-0b6d3f1b9a10).",
    "K003": "{path}: the export could not be written ({detail}).",
    # --- importing clients from CSV: alliance.records.client_import (I) -------------
    "I001": "{path}: the file is {size}, larger than the {limit} one import accepts. Please split it into smaller files and import each one.",
    "I002": "{path}: the file has more than {limit:,} clients, the most one import accepts. Please split it into smaller files and import each one.",
    "I003": "{path}, line {line}: this is not UTF-8 text (byte {byte}). Please save the file as 'CSV UTF-8' and try again.",
    "I004": "{path}: the file is empty. An import needs a header line naming the columns (at least name), then one line per client.",
    "I005": "{path}, line {line}: Alliance does not know the {what}; please check the spelling (the columns it reads are {expected}).",
    "I006": "{path}, line {line}: there is no name column, and every client needs a name (the columns Alliance reads are {expected}).",
    "I007": "{path}, line {line}: the column {column} appears more than once; please keep only one.",
    "I008": "{path}, line {line}: this line has {found} cells but the header has {expected}; a value that contains '{delimiter}' needs double quotes around it.",
    "I009": "{path}, line {line}: this line could not be read as CSV ({detail}).",
    "I010": "{path}: the file has a header line but no clients below it.",
    "I011": "{path}, line {line}, column {column}: this cell is empty, and every client needs a {column}.",
    "I012": "{path}, line {line}, column {column}: '{value}' is not a date; please write it as YYYY-MM-DD (for example 2025-02-28).",
    "I013": "{path}, line {line}, column {column}: '{value}' is not yes or no; please write yes or no (or leave it blank for no).",
    "I014": "{path}, line {line}, column {column}: this is {length} characters long; Alliance keeps at most {limit}.",
    "I015": "{path}, line {line}, column {column}: '{value}' is not an email address; please check it (for example sam@example.org).",
    "I016": "{path}, line {line}, column {column}: '{value}' is not a status; please write active or closed.",
    "I017": "{path}, line {line}, column {column}: '{value}' is not a language Alliance offers check-ins in; please write one of {expected}.",
    "I018": "{path}, line {line}, column {column}: {problem}",
    "I019": "{path}, line {line}: {problem}",
    "I020": "{path}, line {line}: this client repeats line {other} (the same name and {same}); please remove one of the two lines.",
    "I021": "{path}, line {line}: this client is already in {whose} caseload (the same name and {same}, opened {opened_on}); please remove the line, or edit the existing record instead.",
    "I022": "{path}, line {line}: cell {position} has a value but its column has no heading; please give the column a heading or clear the cell.",
    "I023": "{path}, line {line}, column {column}: this cell runs over several lines, and only an address may; a closing double quote is probably missing in this row.",
    "I030": "…and {count} more {noun}. Please fix these and check the file again.",
    "I040": "Only practitioners on a team can import clients into their caseload.",
    "I041": "There is no active user called '{username}'. Please check the username (the one they sign in with).",
    # --- settings and records (S / R) -----------------------------------------
    "S001": "DATABASE_URL could not be understood ({detail}). Expected something like postgres://user:password@host:5432/name or sqlite:///path/to/alliance.sqlite3.",
    "S002": "Could not reach the database at {where} ({detail}). Check that it is running and that DATABASE_URL is right.",
    "S003": "{name} must be {expected}, not {value!r}.",
    "S004": "SECRET_KEY (or SECRET_KEY_FILE) must be set to serve Alliance; `alliance demo` makes one for itself.",
    "S005": "port {port} on {host} is already in use. Try --port {next_port}.",
    "S006": "this database already holds real (non-demo) records, so the demo will not add its users to it. Point ALLIANCE_HOME or DATABASE_URL at an empty database for the demo.",
    # --- accounts: alliance.records.accounts, `alliance createuser` (U) ---------
    "U001": "role must be one of {roles}, not {role!r}.",
    "U002": "a user called {username!r} already exists.",
    "U003": "{problems}",
    # --- a client's data rights, request limits (R) -----------------------------
    "R001": "There is no active Alliance user called {username!r}. --by takes the username of the person responsible.",
    "R002": "The id you typed does not match, so nothing was erased.",
    "R003": "What you sent is {size}, larger than the {limit} Alliance accepts in one form, so nothing was saved. Go back: your text is still in the form. Split it into parts, or ask your administrator about ALLIANCE_MAX_UPLOAD_BYTES.",
    # --- alliance.practice and the practice room (L, for learning) ----------------
    "L001": "Type a response first: what would you say to this person?",
    "L002": "There is no practice drill called {drill_id!r}.",
    "L003": "Your response is {length} characters long; please keep it under {limit}, as you might say it in one turn.",
    "L004": "There is no scenario question called {scenario_id!r}.",
    "L005": "Choose one of the answers ({choices}), not {choice!r}.",
}


class AllianceError(Exception):
    """A problem with the input that a person can fix; ``str()`` is the message to show."""

    def __init__(self, code: str, **fields):
        self.code = code
        self.fields = fields
        super().__init__(format_message(code, **fields))

    @property
    def message(self) -> str:
        return str(self)


def format_message(code: str, **fields) -> str:
    template = MESSAGES[code]
    return template.format(**fields)


class ParseError(AllianceError):
    """A transcript could not be read. Carries ``path``, ``line`` and what was expected."""

    def __init__(self, code: str, *, path: str = "<text>", line: int | None = None, **fields):
        self.path = path
        self.line = line
        super().__init__(code, path=path, line=line, **fields)


class MeasureError(AllianceError):
    """Answers that do not fit an instrument, or an instrument that may not be used."""


class ConfigError(AllianceError):
    """A setting that is missing or malformed."""
