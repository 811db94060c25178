"""Names in the reader's alphabetical order (cs: Ch after H, Ř after R; de: Ö with O)."""
from app.collation import sort_key


def _sorted(names, locale):
    return sorted(names, key=lambda n: sort_key(n, locale))


def test_czech_alphabet():
    names = ["Řezáč", "Rybář", "Chalupa", "Hrubý", "Ihnát", "Čapek", "Cvrček", "Šebek", "Svoboda", "Žák", "Zeman"]
    assert _sorted(names, "cs") == ["Cvrček", "Čapek", "Hrubý", "Chalupa", "Ihnát", "Rybář", "Řezáč", "Svoboda",
                                    "Šebek", "Zeman", "Žák"]


def test_czech_plain_accents_only_break_ties():
    assert _sorted(["Dvořáková", "Dvorak", "Dušek", "Dvořák"], "cs") == ["Dušek", "Dvorak", "Dvořák", "Dvořáková"]
    assert _sorted(["Ondra", "Óda", "Novák"], "cs") == ["Novák", "Óda", "Ondra"]


def test_german_umlauts_sort_with_their_vowel():
    names = ["Zimmer", "Öztürk", "Otto", "Ozan", "Müller", "Mueller", "Muster", "Weiß", "Weiss", "Weist"]
    ordered = _sorted(names, "de")
    assert ordered.index("Otto") < ordered.index("Ozan") < ordered.index("Öztürk") < ordered.index("Zimmer")
    assert ordered.index("Müller") < ordered.index("Muster")
    assert ordered[-2:] == ["Weist", "Zimmer"] and set(ordered[-4:-2]) == {"Weiß", "Weiss"}


def test_in_english_ch_and_r_caron_are_plain_letters():
    assert _sorted(["Chalupa", "Cvrček", "Řezáč", "Rybář"], "en") == ["Chalupa", "Cvrček", "Řezáč", "Rybář"]


def test_case_does_not_decide_before_the_letters():
    assert _sorted(["de Vries", "Dalton", "Dvořák"], "cs") == ["Dalton", "de Vries", "Dvořák"]
