"""Where a Thai line may break: between words, which Thai does not separate with spaces.

fpdf2 breaks lines only at spaces (and at U+200B ZERO WIDTH SPACE); a Thai sentence is one long
"word" to it, cut wherever the line ends, even inside a word ("เทศบา|ลนคร"). ``breakable``
puts a zero-width space between the Thai words of a text, found by the dictionary-based newmm
tokenizer (from PyThaiNLP, Apache-2.0), so lines break between words as a Thai reader expects.
The text layer leaves those marks out (``text_layer``), so copying gives the text as written.
Word and LibreOffice break Thai lines themselves, so the Word files need none of this.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

ZWSP = "\u200b"
_THAI = re.compile(r"[\u0e01-\u0e5b]")


def breakable(text: str) -> str:
    """``text`` with a zero-width space between each two adjacent Thai words."""
    if not _THAI.search(text):
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


@lru_cache(maxsize=4096)
def _line(line: str) -> str:
    from newmm_tokenizer.tokenizer import word_tokenize  # noqa: PLC0415 (0.4 s: its dictionary)

    words = word_tokenize(line)
    out = words[:1]
    for before, word in itertools.pairwise(words):
        if _THAI.search(before[-1:]) and _THAI.match(word):
            out.append(ZWSP)
        out.append(word)
    return "".join(out)
