"""Import a directory export (CSV or XLSX): all or nothing, rows of one organisation merged, idempotent.

Columns: name, registration_id, kind, country, region, city, website, nace, description_cs, description_de,
description_en, listed. Row numbers are the spreadsheet's: the header is row 1, the first organisation row 2.
"""
from dataclasses import dataclass, field

from babel import Locale
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..extensions import db
from ..participants.models import Organisation, OrganisationKind
from ..reference import nace, regions
from ..reference.nace import fold
from .identity import registration_key

COLUMNS = ("name", "registration_id", "kind", "country", "region", "city", "website", "nace", "description_cs",
           "description_de", "description_en", "listed")
YES = {"1", "yes", "ano", "ja", "true", "y"}
NO = {"0", "no", "ne", "nein", "false", "n", ""}
TEXT_FIELDS = ("city", "website", "description_cs", "description_de", "description_en")


class ImportError_(ValueError):  # noqa: N801  (ImportError is Python's own)
    """The file as a whole cannot be imported; `problems` are (row, column, message)."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{r}/{c}: {m}" for r, c, m in problems))
        self.problems = problems


@dataclass
class Record:
    rows: list
    values: dict = field(default_factory=dict)


def _countries():
    return {code for code in Locale("en").territories if len(code) == 2 and code.isalpha()}


def check(rows, header=None):
    """[Record] with one record per organisation; ImportError_ listing every bad cell otherwise."""
    header = list(header if header is not None else (rows[0].keys() if rows else COLUMNS))
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportError_([(1, c, _("This column is missing.")) for c in missing])
    problems, records, by_key = [], [], {}
    countries = _countries()
    for number, row in enumerate(rows, start=2):
        values, errors = _check_row(row, countries)
        problems += [(number, column, message) for column, message in errors]
        if errors:
            continue
        key = values["registration_id"] or ("name", fold(values["name"]), values["country"])
        if key in by_key:
            _merge_into(by_key[key], values, number)
        else:
            by_key[key] = Record(rows=[number], values=values)
            records.append(by_key[key])
    if problems:
        raise ImportError_(problems)
    return records


def _check_row(row, countries):
    cell = {c: str(row.get(c) or "").strip() for c in COLUMNS}
    errors, values = [], dict(cell)
    if not cell["name"]:
        errors.append(("name", _("The name is missing.")))
    if cell["kind"].lower() not in {k.value for k in OrganisationKind}:
        errors.append(("kind", _("Unknown kind %(value)s; use one of: %(kinds)s.", value=cell["kind"] or "—",
                                 kinds=", ".join(k.value for k in OrganisationKind))))
    country = cell["country"].upper()
    if country not in countries:
        errors.append(("country", _("Unknown country code %(value)s (use two letters, e.g. CZ, DE).",
                                    value=cell["country"] or "—")))
    region = cell["region"].upper()
    if region and (region not in regions.REGIONS or regions.REGIONS[region][0] != country):
        errors.append(("region", _("Unknown region code %(value)s for %(country)s; use a NUTS 3 code of the "
                                   "programme area or leave it empty.", value=cell["region"], country=country)))
    try:
        values["nace"] = nace.parse(cell["nace"])
    except nace.NaceError as exc:
        errors.append(("nace", _("Not a NACE code: %(codes)s (examples: C25, C28.1, M72).",
                                 codes=", ".join(exc.codes))))
    listed = cell["listed"].lower()
    if listed not in YES | NO:
        errors.append(("listed", _("Write 1 or 0 (yes/no, ano/ne, ja/nein).")))
    values.update(kind=cell["kind"].lower(), country=country, region=region, listed=listed in YES,
                  registration_id=registration_key(cell["registration_id"]))
    return values, errors


def _merge_into(record, values, number):
    record.rows.append(number)
    mine = record.values
    for key in ("kind", "region", *TEXT_FIELDS):
        if values[key] and not mine[key]:
            mine[key] = values[key]
    mine["nace"] = list(dict.fromkeys(mine["nace"] + values["nace"]))
    mine["listed"] = mine["listed"] or values["listed"]


def apply(records):
    """Create or update the organisations; returns {"created": n, "updated": n, "unchanged": n}. Flushes."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    for record in records:
        v = record.values
        org = _existing(v)
        if org is None:
            org = Organisation(name=v["name"], registration_id=v["registration_id"], country=v["country"])
            db.session.add(org)
            counts["created"] += 1
            _set(org, v)
        else:
            counts["updated" if _set(org, v) else "unchanged"] += 1
    db.session.flush()
    return counts


def _existing(v):
    if v["registration_id"]:
        org = db.session.scalar(select(Organisation).where(Organisation.registration_id == v["registration_id"]))
        if org is not None:
            return org
    # exact name first: SQLite's lower() leaves "Č" or "Ö" as they are
    same_name = (Organisation.name == v["name"]) | (func.lower(Organisation.name) == v["name"].lower())
    return db.session.scalars(select(Organisation).where(same_name, Organisation.country == v["country"])
                              .order_by(Organisation.name != v["name"], Organisation.id)).first()


def _set(org, v):
    """Write the row's non-empty values; True when something changed."""
    wanted = {"kind": OrganisationKind(v["kind"]), "country": v["country"],
              "nace_sectors": list(dict.fromkeys([*(org.nace_sectors or []), *v["nace"]])), "listed": v["listed"],
              **{k: v[k] for k in TEXT_FIELDS if v[k]}}
    if v["region"]:
        wanted["region_code"] = v["region"]
        wanted["region"] = regions.name(v["region"], "cs" if v["country"] == "CZ" else "de")
    if v["registration_id"] and not org.registration_id:
        wanted["registration_id"] = v["registration_id"]
    changed = False
    for key, value in wanted.items():
        if getattr(org, key) != value:
            setattr(org, key, value)
            changed = True
    return changed


def import_file(filename, content):
    """Read, check and apply; raises ImportError_ (nothing written) or the reader's error."""
    from ..roster.services import read_table

    rows = read_table(filename, content)
    header = list(rows[0].keys()) if rows else list(COLUMNS)
    return apply(check(rows, header))
