"""NACE Rev. 2 sectors: the 21 sections and 88 divisions with their official titles in cs, de and en.

The titles live in data/nace.csv (CZ-NACE, WZ 2008 and NACE Rev. 2 wording). Codes are stored as the app has
always stored them — section letter, then division, then finer digits: "C", "C25", "C25.6", "C25.62". A finer
code is valid when its division exists and is shown under the division's title. Plain "25.62" and lower case
are accepted and brought into that form. Searching folds accents and case in all three languages.
"""
import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from flask_babel import get_locale

DATA = Path(__file__).parent / "data" / "nace.csv"
LANGS = ("cs", "de", "en")
_CODE_RE = re.compile(r"^([A-U])?(\d{2})?(?:\.(\d{1,2}))?$")


class NaceError(ValueError):
    """Not a NACE Rev. 2 code; `codes` lists the offending input."""

    def __init__(self, codes):
        super().__init__(", ".join(codes))
        self.codes = codes


@dataclass(frozen=True)
class Sector:
    code: str      # "C" or "C25"
    section: str   # "C"
    titles: dict   # {"cs": …, "de": …, "en": …}

    @property
    def is_section(self):
        return len(self.code) == 1

    def title(self, locale=None):
        return self.titles.get(locale or current_language(), self.titles["en"])


def fold(text):
    """Lower-case, accents removed, ß as ss: "Straße" -> "strasse", "Obrábění" -> "obrabeni"."""
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def current_language():
    try:
        lang = str(get_locale() or "en")[:2]
    except (RuntimeError, AttributeError):  # outside a request: documents pass the locale themselves
        lang = "en"
    return lang if lang in LANGS else "en"


@lru_cache(maxsize=1)
def sectors():
    """{"C": Sector, "C25": Sector, …} in the data file's order (sections before their divisions)."""
    out = {}
    with DATA.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"] if row["code"].isalpha() else row["section"] + row["code"]
            out[code] = Sector(code, row["section"], {lang: row[lang] for lang in LANGS})
    return out


@lru_cache(maxsize=1)
def _division_sections():
    return {code[1:]: s.section for code, s in sectors().items() if not s.is_section}


def normalise(code):
    """'c25.62', '25.62', 'c25' -> 'C25.62', 'C25.62', 'C25'; None when it is not a NACE Rev. 2 code."""
    m = _CODE_RE.match((code or "").strip().upper())
    if not m or not (m.group(1) or m.group(2)):
        return None
    letter, division, finer = m.groups()
    if division is None:
        return letter if finer is None else None
    section = _division_sections().get(division)
    if section is None or (letter and letter != section):
        return None
    return f"{section}{division}" + (f".{finer}" if finer else "")


def parse(text):
    """'C25, c28.1 ;M72' -> ['C25', 'C28.1', 'M72'] (deduplicated); NaceError names every bad code."""
    raw = [c for c in re.split(r"[,;\s]+", text or "") if c]
    out, bad = [], []
    for c in raw:
        n = normalise(c)
        (out if n else bad).append(n or c)
    if bad:
        raise NaceError(bad)
    return list(dict.fromkeys(out))


def division(code):
    """The division (or section) a code belongs to: 'C25.62' -> 'C25'."""
    code = normalise(code) or ""
    return code.split(".")[0]


def title(code, locale=None):
    """The official title of the code's division (or section) in the given or current language."""
    sector = sectors().get(division(code))
    return sector.title(locale) if sector else (code or "")


def name(code, locale=None):
    """'Maschinenbau (C28)'; a finer code names its division and keeps itself: 'Maschinenbau (C28.41)'."""
    if not code:
        return ""
    return f"{title(code, locale)} ({normalise(code) or code})"


def search_words(codes):
    """Every title of the codes' divisions and sections in all three languages, folded, with the codes."""
    parts = []
    for code in codes or ():
        for key in {division(code), division(code)[:1]}:
            sector = sectors().get(key)
            if sector:
                parts += sector.titles.values()
        parts.append(code)
    return fold(" ".join(parts))


def search(query, limit=None):
    """Divisions (and sections) whose title in any language, or code, contains every word of the query."""
    words = fold(query).split()
    hits = [s for s in sectors().values()
            if all(w in fold(" ".join(s.titles.values()) + " " + s.code) for w in words)]
    return hits[:limit] if limit else hits


def choices(locale=None, sections=False):
    """[(code, 'title (code)')] of the divisions (and sections if asked), for selects and the picker."""
    return [(s.code, name(s.code, locale)) for s in sectors().values() if sections or not s.is_section]


def picker_data(locale=None):
    """What the searchable picker needs: code, shown name, and the folded words of all three languages."""
    return [{"code": s.code, "name": name(s.code, locale), "words": fold(" ".join(s.titles.values()) + " " + s.code)}
            for s in sectors().values() if not s.is_section]
