"""NACE Rev. 2 as data: 21 sections, 88 divisions, titles in cs/de/en, codes normalised, searchable by words."""
import csv

import pytest

from app.reference import nace

pytestmark = pytest.mark.usefixtures("app")


def test_the_data_holds_every_section_and_division_in_three_languages():
    sectors = nace.sectors()
    sections = [s for s in sectors.values() if s.is_section]
    divisions = [s for s in sectors.values() if not s.is_section]
    assert [s.code for s in sections] == list("ABCDEFGHIJKLMNOPQRSTU")
    assert len(divisions) == 88 and divisions[0].code == "A01" and divisions[-1].code == "U99"
    assert all(s.titles[lang].strip() for s in sectors.values() for lang in ("cs", "de", "en"))
    with nace.DATA.open(encoding="utf-8") as f:
        codes = [row["code"] for row in csv.DictReader(f)]
    assert len(codes) == len(set(codes)) == 109


@pytest.mark.parametrize("locale,expected", [
    ("en", "Manufacture of machinery and equipment n.e.c. (C28)"),
    ("de", "Maschinenbau (C28)"),
    ("cs", "Výroba strojů a zařízení j. n. (C28)"),
])
def test_names_are_official_titles_with_the_code_kept(locale, expected):
    assert nace.name("C28", locale) == expected


def test_a_finer_code_is_shown_under_its_division():
    assert nace.name("c25.62", "de") == "Herstellung von Metallerzeugnissen (C25.62)"
    assert nace.name("C", "cs") == "Zpracovatelský průmysl (C)"


@pytest.mark.parametrize("text,codes", [
    ("C25, c28.1 ;M72", ["C25", "C28.1", "M72"]),
    ("25.62 C25.62", ["C25.62"]),
    ("", []),
])
def test_parse_normalises_and_deduplicates(text, codes):
    assert nace.parse(text) == codes


@pytest.mark.parametrize("bad", ["C99", "Z12", "D25", "steel", "C25.123", "04"])
def test_parse_refuses_codes_that_do_not_exist(bad):
    with pytest.raises(nace.NaceError) as exc:
        nace.parse(f"C25, {bad}")
    assert exc.value.codes == [bad]


@pytest.mark.parametrize("query,code", [
    ("maschinenbau", "C28"),
    ("Výroba strojů", "C28"),
    ("vyroba stroju", "C28"),
    ("machinery", "C28"),
    ("metallerzeugnisse", "C25"),
    ("kovodelnych", "C25"),
    ("FORSCHUNG", "M72"),
    ("c25", "C25"),
])
def test_search_finds_divisions_by_words_in_any_language(query, code):
    assert code in [s.code for s in nace.search(query)]


def test_fold_ignores_accents_case_and_sharp_s():
    assert nace.fold("Obrábění") == "obrabeni"
    assert nace.fold("Straße") == "strasse"
    words = nace.search_words(["C28.41"])
    assert "maschinenbau" in words and "vyroba stroju" in words and "c28.41" in words
