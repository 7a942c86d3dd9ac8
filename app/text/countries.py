"""Country names in English text, from ISO 3166 (pycountry): which countries a question or a paragraph names.

Why: a question about one country ("What training did UNODC give officials in Indonesia?") is not answered by a
paragraph on the same work that never names that country; the report answers a neighbouring question (the same
work elsewhere), which is `partial`. A country is a hard constraint in a way other names are not: a reader who
describes a body or an instrument in their own words ("the UN's crime office", "the Palermo Convention") still asks
about the same thing, but a reader who names a country means that country. On the dev split, treating every missing
name as a constraint would have turned six answerable questions partial for one near-miss handled; countries alone
turn none (eval/TUNING.md).

The names are world knowledge, the same for every report: ISO 3166's short, common and official names, the short
name before its comma ("Iran, Islamic Republic of" -> "Iran"), and the usual English short forms ISO leaves out.
A paragraph also names a country by naming its capital (countryinfo's capitals): "a workshop held in Bishkek" is
about Kyrgyzstan, which is how readers ask it ("What did UNODC organise in Kyrgyzstan's capital?").
"""
from __future__ import annotations

import re
from functools import lru_cache

# Usual English forms that ISO 3166 does not list, by alpha-2 code
_SHORT_FORMS = {
    "GB": ("UK", "U.K.", "Britain", "Great Britain"), "US": ("USA", "U.S.", "United States of America"),
    "RU": ("Russia",), "TR": ("Turkey",), "CI": ("Ivory Coast", "Cote d'Ivoire", "Côte d’Ivoire"),
    "CV": ("Cape Verde",), "CZ": ("Czech Republic",), "PS": ("Palestine", "State of Palestine"),
    "KR": ("Republic of Korea",), "KP": ("Democratic People's Republic of Korea",), "MK": ("Macedonia",),
    "SZ": ("Swaziland",), "MM": ("Burma",), "CD": ("DRC", "Democratic Republic of the Congo"),
    "CG": ("Republic of the Congo",), "VN": ("Vietnam",), "LA": ("Laos",), "SY": ("Syria",),
    "BO": ("Bolivia",), "VE": ("Venezuela",), "TZ": ("Tanzania",), "MD": ("Moldova",), "IR": ("Iran",),
    "FM": ("Micronesia",), "BN": ("Brunei",), "TL": ("East Timor", "Timor Leste"),
}


@lru_cache(maxsize=1)
def _countryinfo() -> list:
    try:
        from countryinfo import all_countries
    except ImportError as err:  # a core dependency, as pycountry is
        raise ImportError("countryinfo is missing: reinstall ParaCite (pip install -e .)") from err
    return all_countries()


# The continents a reader names (as a noun: "experts from Africa"), as countryinfo's regions
_CONTINENT_NAMES = {"Africa": "Africa", "Asia": "Asia", "Europe": "Europe", "Oceania": "Oceania",
                    "Americas": "Americas", "Latin America": "Americas", "North America": "Americas",
                    "South America": "Americas", "Central America": "Americas", "Caribbean": "Americas"}
_CONTINENT_Q = re.compile(r"(?<!\w)(" + "|".join(sorted(_CONTINENT_NAMES, key=len, reverse=True)) + r")(?![\w-])")
# how a paragraph names a continent itself: the noun or its adjective ("African", "European Union", "Latin American")
_CONTINENT_WORDS = {"Africa": r"Africa", "Asia": r"Asia", "Europe": r"Europe", "Oceania": r"Oceania|Pacific",
                    "Americas": r"America|Caribbean"}


@lru_cache(maxsize=1)
def _continent_of() -> dict[str, str]:
    """alpha-2 code -> continent (countryinfo's region)."""
    out = {}
    for country in _countryinfo():
        try:
            code, region = country.iso(2), country.region()
        except (KeyError, TypeError, ValueError, AttributeError):
            continue
        if code and region:
            out[code] = region
    return out


def continents_in(text: str) -> dict[str, str]:
    """{the name as written: continent} of the continents the text names as a noun ("from Africa", "Latin America")."""
    return {m.group(1): _CONTINENT_NAMES[m.group(1)] for m in _CONTINENT_Q.finditer(text or "")}


def continents_not_in(question: str, text: str) -> list[str]:
    """The continents the question names ("How many experts came from Africa?") that the text names neither
    itself ("Africa", "African") nor through a country of it, by name or capital: the same work, elsewhere."""
    asked = continents_in(question)
    if not asked:
        return []
    text = _plain(text or "")
    _, written, code_of = _names()
    codes = {code_of[m.group(1).lower()] for m in written.finditer(text)} | capital_countries(text)
    there = {_continent_of().get(c) for c in codes}
    return [name for name, region in asked.items()
            if region not in there and not re.search(rf"(?<!\w)(?:{_CONTINENT_WORDS[region]})", text)]


# Capitals countryinfo lacks ("GB") or spells otherwise ("Washington D.C."), by alpha-2 code
_CAPITALS = {"GB": ("London",), "US": ("Washington",)}


@lru_cache(maxsize=1)
def _capitals() -> tuple[re.Pattern | None, dict[str, str]]:
    """(pattern for a capital's name as written in a paragraph, capital -> alpha-2 code). A capital two countries
    claim names neither."""
    codes: dict[str, set[str]] = {}
    for country in _countryinfo():
        try:
            code, capital = country.iso(2), country.capital()
        except (KeyError, TypeError, ValueError, AttributeError):  # a territory without a record of either
            continue
        # a country with several seats of government lists them all ("Pretoria", "Cape Town", "Bloemfontein")
        for name in ([capital] if isinstance(capital, str) else list(capital or [])):
            if code and name:
                codes.setdefault(_plain(name), set()).add(code)
    for code, names in _CAPITALS.items():
        for name in names:
            codes.setdefault(name, set()).add(code)
    code_of = {name: next(iter(c)) for name, c in codes.items() if len(c) == 1}
    if not code_of:
        return None, {}
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in sorted(code_of, key=len, reverse=True)) +
                         r")(?!\w)")
    return pattern, code_of


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    """(pattern for a question: names as written, longest first; pattern for a paragraph: any case, and a name may go
    on into its adjective, "Kenyan", "Afghan-Pakistani"; name (lower case) -> alpha-2 code)."""
    try:
        import pycountry
    except ImportError as err:  # a core dependency: an install without it is broken, and says how to mend it
        raise ImportError("pycountry is missing: reinstall ParaCite (pip install -e .)") from err
    code_of: dict[str, str] = {}
    cut: dict[str, set[str]] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)}
        for n in filter(None, names | set(_SHORT_FORMS.get(c.alpha_2, ()))):
            code_of.setdefault(_plain(n).lower(), c.alpha_2)
        cut.setdefault(_plain(c.name.split(",")[0]).lower(), set()).add(c.alpha_2)
    # "Iran, Islamic Republic of" -> "Iran"; but "Korea" (two countries) and "Virgin Islands" name none alone
    for n, codes in cut.items():
        if len(codes) == 1:
            code_of.setdefault(n, next(iter(codes)))
    alternatives = "|".join(re.escape(n) for n in sorted(code_of, key=len, reverse=True))  # "Guinea-Bissau" first
    asked = re.compile(r"(?<!\w)(" + alternatives + r")(?!\w)", re.I)
    written = re.compile(r"(?<!\w)(" + alternatives + r")", re.I)
    return asked, written, code_of


def _plain(text: str) -> str:
    return text.replace("’", "'")


def countries_in(text: str) -> dict[str, str]:
    """{alpha-2 code: the name as written} of the countries the text names, capitalised as names are."""
    asked, _, code_of = _names()
    text = text or ""
    out: dict[str, str] = {}
    for m in asked.finditer(_plain(text)):  # _plain keeps every position, so the span is the name as written
        if m.group(1)[:1].isupper():  # "Chad" the country, not a word that happens to be spelt like one
            out.setdefault(code_of[m.group(1).lower()], text[m.start(1):m.end(1)])
    return out


def countries_not_in(question: str, text: str) -> list[str]:
    """The countries the question names (as it writes them) that the text does not name in any form: a heading in
    capitals, an adjective ("Kenyan", "Kenya-based") and the capital ("Nairobi") count as naming it."""
    asked = countries_in(question)
    if not asked:  # most questions name no country: the paragraphs need not be scanned
        return []
    _, written, code_of = _names()
    text = _plain(text or "")
    have = {code_of[m.group(1).lower()] for m in written.finditer(text)} | capital_countries(text)
    return [name for code, name in asked.items() if code not in have]


def capital_countries(text: str) -> set[str]:
    """The alpha-2 codes of the countries whose capital the text names ("held in Tashkent": UZ)."""
    capitals, capital_of = _capitals()
    return {capital_of[m.group(1)] for m in capitals.finditer(_plain(text or ""))} if capitals is not None else set()


def warm() -> None:
    """Load the names now (about 100 ms) rather than on the first question."""
    _names()
    _capitals()
