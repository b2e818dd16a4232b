"""A small pure-Python BERT (uncased) WordPiece tokenizer.

Enough to look tokens up in the distilled static-embedding table without the
``tokenizers`` package at inference time. Words are cached, so a session's
repeated words cost one dict lookup each.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPLIT = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


class WordPiece:
    def __init__(self, vocab: list[str], unk: str = "[UNK]", max_chars: int = 100):
        self.vocab = {token: i for i, token in enumerate(vocab)}
        self.unk_id = self.vocab.get(unk, 0)
        self.max_chars = max_chars
        self._word = lru_cache(maxsize=65536)(self._word_ids)

    def _word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > self.max_chars:
            return (self.unk_id,)
        ids, start = [], 0
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    found = self.vocab[piece]
                    break
                end -= 1
            if found is None:
                return (self.unk_id,)
            ids.append(found)
            start = end
        return tuple(ids)

    def ids(self, text: str) -> list[int]:
        text = _strip_accents(text.lower())
        out: list[int] = []
        for word in _SPLIT.findall(text):
            out.extend(self._word(word))
        return out
