"""Sorting people's names the way a Czech, German or English reader expects.

Babel has no collation and PyICU needs the ICU development files to build (and would become a compiled
dependency of every installation), so this is a small sort key covering the three languages of coopex:

- Czech: č, ř, š, ž are letters of their own right after c, r, s, z, and "ch" is one letter after h
  (Čapek after Cvrček, Řezáč after Rybář, Chalupa after Hrubý); the other accents (á, é, ě, í, ó, ú, ů, ý, ď,
  ť, ň) only break ties (Dvořák next to Dvorak).
- German (DIN 5007-1, dictionaries and name lists): ä, ö, ü sort with a, o, u and ß as ss (Öztürk with Oz…).
- English: accents only break ties.
Case never decides before the letters do."""
import unicodedata

CZECH_OWN_LETTERS = {"č": "c", "ř": "r", "š": "s", "ž": "z"}


def _strip(ch):
    return "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))


def _primary(text, locale):
    text = text.casefold().replace("ß", "ss")
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if locale == "cs" and text.startswith("ch", i):
            out.append((ord("h"), 1))
            i += 2
            continue
        if locale == "cs" and ch in CZECH_OWN_LETTERS:
            out.append((ord(CZECH_OWN_LETTERS[ch]), 1))
        else:
            base = _strip(ch) or ch
            out.extend((ord(c), 0) for c in base)
        i += 1
    return tuple(out)


def sort_key(text, locale="en"):
    """A key for sorted(): letters first (in the locale's alphabet), then accents, then case."""
    text = text or ""
    return _primary(text, str(locale)[:2]), text.casefold(), text


def person_key(person, locale="en"):
    """Surname, then first name, in the locale's order."""
    return sort_key(person.last_name, locale), sort_key(person.first_name, locale)
