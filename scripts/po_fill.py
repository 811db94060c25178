#!/usr/bin/env python3
"""Fill cs/de(/en) translations into translations/<lang>/LC_MESSAGES/messages.po from a JSON file.

JSON: {"msgid": {"cs": "…", "de": "…"}, "plural msgid": {"cs": ["1", "2-4", "5+"], "de": ["1", "n"]}}
Run `make i18n` first so that the msgids exist in the catalogs. Unknown msgids are reported, not added.
Usage: .venv/bin/python scripts/po_fill.py FILE.json [FILE.json …]
"""
import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent


def fill(lang, table):
    path = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    unknown = []
    for msgid, per_lang in table.items():
        if lang not in per_lang:
            continue
        found = next((m for m in catalog if m.id and (m.id == msgid or (isinstance(m.id, tuple) and m.id[0] == msgid))),
                     None)
        if found is None:
            unknown.append(msgid)
            continue
        value = per_lang[lang]
        found.string = tuple(value) if isinstance(found.id, tuple) else value
        found.flags.discard("fuzzy")
    with path.open("wb") as fh:
        write_po(fh, catalog, width=0, no_location=True, sort_output=True)
    return unknown


def main(files):
    table = {}
    for f in files:
        table.update(json.loads(Path(f).read_text(encoding="utf-8")))
    for lang in ("cs", "de", "en"):
        unknown = fill(lang, table)
        if unknown and lang == "cs":
            print(f"not in the catalog (run `make i18n`?): {unknown}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
