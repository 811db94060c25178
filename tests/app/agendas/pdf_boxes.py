"""Word boxes of a PDF, read with pdfminer.six, and a check that no two words are printed over each other.

A "word" is a run of characters on one baseline that follow each other in the content stream; a space, a
jump back (more than kerning) or forward ends it. Each box is reduced to the band around the middle of its glyphs
(±30 % of the font size), so the tall font boxes of two lines set close together do not count as an overlap,
while text printed over other text on the same line, or clipped text running under a neighbour, does.
"""
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def words(data: bytes) -> list[Word]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    out = []
    for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=None), start=1):
        run: list = []
        for item in _chars(page, LTChar):
            if run and not _continues(run[-1], item):
                out.append(_word(number, run))
                run = []
            if item.get_text().strip():
                run.append(item)
        if run:
            out.append(_word(number, run))
    return out


def _chars(container, cls):
    for item in container:
        if isinstance(item, cls):
            yield item
        elif hasattr(item, "__iter__"):
            yield from _chars(item, cls)


def _continues(prev, char) -> bool:
    if not char.get_text().strip():
        return False
    same_line = abs(prev.y0 - char.y0) < 0.2 * prev.size
    return same_line and prev.x1 - 0.25 * prev.size <= char.x0 <= prev.x1 + 0.25 * prev.size  # kerning: T|e


def _word(page, chars) -> Word:
    size = max(c.size for c in chars)
    middle = sum((c.y0 + c.y1) / 2 for c in chars) / len(chars)
    return Word(page, "".join(c.get_text() for c in chars), min(c.x0 for c in chars) + 0.2, middle - 0.3 * size,
                max(c.x1 for c in chars) - 0.2, middle + 0.3 * size)


def overlaps(all_words: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of words on the same page whose boxes intersect (sweep over x)."""
    found = []
    by_page: dict[int, list[Word]] = {}
    for w in all_words:
        by_page.setdefault(w.page, []).append(w)
    for page_words in by_page.values():
        active: list[Word] = []
        for w in sorted(page_words, key=lambda w: w.x0):
            active = [a for a in active if a.x1 > w.x0]
            found += [(a, w) for a in active if a.y0 < w.y1 and w.y0 < a.y1]
            active.append(w)
    return found
