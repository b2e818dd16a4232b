"""Alliance: relationship-based practice, made visible from the client's voice and the conversation.

The core (``alliance.transcripts``, ``alliance.coding``, ``alliance.metrics``,
``alliance.feedback``, ``alliance.measures``) is plain Python and never imports Django.
"""

__version__ = "0.1.0"


def analyze(source, practitioner=None, format=None, coder=None):
    """Parse, code, measure and give feedback on one session transcript.

    ``source`` is a path or the transcript's text. Returns an ``Analysis``;
    ``Analysis.to_dict()`` is the documented JSON.
    """
    from alliance.analysis import analyze as _analyze

    return _analyze(source, practitioner=practitioner, format=format, coder=coder)
