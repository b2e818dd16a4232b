"""Read session transcripts in every format we support into one ``Transcript``.

    >>> from alliance.transcripts import parse
    >>> t = parse("Maria: How are you?\\nSam: Tired, honestly.")
    >>> [(u.speaker, u.role) for u in t.utterances]
    [('Maria', 'practitioner'), ('Sam', 'client')]

Formats, detection, the role guess and every error: docs/transcripts.md.
"""

from alliance.transcripts.annomi import read_annomi
from alliance.transcripts.detect import detect_format
from alliance.transcripts.model import ROLES, Cue, Transcript, Utterance
from alliance.transcripts.parser import FORMATS, parse
from alliance.transcripts.samples import SAMPLES, sample_path
from alliance.transcripts.writers import to_srt, to_vtt

__all__ = [
    "FORMATS",
    "ROLES",
    "SAMPLES",
    "Cue",
    "Transcript",
    "Utterance",
    "detect_format",
    "parse",
    "read_annomi",
    "sample_path",
    "to_srt",
    "to_vtt",
]
