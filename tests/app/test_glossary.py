"""The catalogs follow docs/glossary.toml: required translations of key terms, no forbidden words
(solver jargon, "slot", a second name for the personal agenda, wrongly declined greetings)."""
import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = tomllib.loads((ROOT / "docs" / "glossary.toml").read_text(encoding="utf-8"))


def catalog(lang) -> Catalog:
    with (ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def breaches(lang, cat: Catalog) -> list[str]:
    """Every message of `cat` that breaks the glossary of `lang`, as 'msgid: why'."""
    rules = GLOSSARY[lang]
    found = []
    for message in cat:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for rule in rules.get("forbidden", []):
            hit = next((m.group(0) for s in strings if s for m in [re.search(rule["pattern"], s, re.I)] if m), None)
            if hit:
                found.append(f"{msgid!r}: {hit!r} → {rule['use']}")
        wanted = rules.get("require", {}).get(msgid)
        if wanted is not None and message.string != wanted:
            found.append(f"{msgid!r}: {message.string!r} → {wanted!r}")
    return found


@pytest.mark.parametrize("lang", ["cs", "de"])
def test_catalog_follows_the_glossary(lang):
    assert breaches(lang, catalog(lang)) == []


@pytest.mark.parametrize("lang", ["cs", "de"])
def test_every_required_term_is_in_the_catalog(lang):
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog(lang) if m.id}
    assert set(GLOSSARY[lang]["require"]) <= ids


def test_the_check_catches_a_forbidden_word_and_a_wrong_term():
    cat = Catalog(locale="cs")
    cat.add("Slots", "Sloty")
    cat.add("Withdraw request", "Stáhnout")
    cat.add("The run waits for a worker. If it stays queued, start one with: flask planning worker",
            "Výpočet čeká na službu na pozadí; spusťte ji příkazem: flask planning worker")
    found = breaches("cs", cat)
    assert len(found) == 2 and "'Slots'" in found[0] and "Zrušit žádost" in found[1]
