"""Registration ids in one form, so that the same firm is found however it was typed (app.directory.identity
compares and merges organisations with it; participants use it on registration)."""
import re

_SEPARATORS = re.compile(r"[\s.\-/]")
_CZ_ICO = re.compile(r"(?:CZ)?(\d{6,8})")
_DE_VAT = re.compile(r"DE(\d{9})")


def registration_key(value):
    """'CZ 270 01 112' -> '27001112'; 'de 318-000-001' -> 'DE318000001'; other ids upper-cased, no separators."""
    compact = _SEPARATORS.sub("", value or "").upper()
    if not compact:
        return None
    if m := _CZ_ICO.fullmatch(compact):
        return m.group(1).zfill(8)
    if m := _DE_VAT.fullmatch(compact):
        return "DE" + m.group(1)
    return compact
