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

import logging
import re
from functools import lru_cache

log = logging.getLogger(__name__)

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
    """countryinfo's records; none (with a warning) when its data cannot be read, so that a broken install costs the
    capitals and continents rules, not every answer."""
    try:
        from countryinfo import all_countries
    except ImportError as err:  # a core dependency, as pycountry is
        raise ImportError("countryinfo cannot be imported: reinstall ParaCite (pip install -e .)") from err
    try:
        return list(all_countries())
    except Exception as err:  # noqa: BLE001 - its data files, not our code
        log.warning("countryinfo's data cannot be read (%s): capitals and continents are not used", err)
        return []


def _records(*fields: str):
    """(alpha-2 code, each field's value or None) of each country countryinfo knows with a code."""
    for country in _countryinfo():
        try:
            code = country.iso(2)
        except (KeyError, TypeError, ValueError, AttributeError, LookupError):  # a territory without a code
            continue
        if code:
            yield (code, *(_field(country, f) for f in fields))


def _one_country_each(pairs) -> dict[str, str]:
    """name -> alpha-2 code for the names (capitals, demonyms) that one country alone has."""
    codes: dict[str, set[str]] = {}
    for name, code in pairs:
        codes.setdefault(name, set()).add(code)
    return {name: next(iter(c)) for name, c in codes.items() if len(c) == 1}


def _field(country, name: str) -> str | None:
    try:
        value = getattr(country, name)()
    except (KeyError, TypeError, ValueError, AttributeError, LookupError):  # a territory without that record
        return None
    return value if isinstance(value, str) and value else None


# The continents a reader names as a noun ("experts from Africa"): countryinfo's region or subregion of each, and how a
# paragraph names it itself (the noun or its adjective: "African", "European Union", "Latin American")
_CONTINENTS = {
    "Africa": ("Africa", r"Africa"), "Asia": ("Asia", r"Asia"), "Europe": ("Europe", r"Europe"),
    "Oceania": ("Oceania", r"Oceania|Pacific"), "Americas": ("Americas", r"America|Caribbean"),
    **{name: ("Latin America and the Caribbean", r"Latin America|South America|Central America|Caribbean")
       for name in ("Latin America", "South America", "Central America", "Caribbean")},
    "North America": ("Northern America", r"North America"),
}
_CONTINENT_Q = re.compile(r"(?<!\w)(" + "|".join(sorted(_CONTINENTS, key=len, reverse=True)) + r")(?![\w-])")


@lru_cache(maxsize=1)
def _places_of() -> dict[str, frozenset[str]]:
    """alpha-2 code -> its region and subregion (countryinfo's)."""
    return {code: frozenset(p for p in (region, subregion) if p)
            for code, region, subregion in _records("region", "subregion") if region or subregion}


@lru_cache(maxsize=1)
def _subregions() -> frozenset[str]:
    return frozenset(p.lower() for places in _places_of().values() for p in places)


def continents_in(text: str) -> dict[str, str]:
    """{the name as written: region} of the continents the text names as a noun ("from Africa", "Latin America"),
    one name per region, and none inside a country's name ("South Africa")."""
    text = text or ""
    inside = [m.span(1) for m in _names()[0].finditer(_plain(text)) if m.group(1)[:1].isupper()]
    out: dict[str, str] = {}
    for m in _CONTINENT_Q.finditer(text):
        region = _CONTINENTS[m.group(1)][0]
        if region not in out.values() and not any(a <= m.start(1) < b for a, b in inside):
            out[m.group(1)] = region
    return out


def continents_not_in(question: str, text: str) -> list[str]:
    """The continents the question names ("How many experts came from Africa?") that the text names neither
    itself ("Africa", "African") nor through a country of it, by name or capital: the same work, elsewhere."""
    asked = continents_in(question)
    if not asked:
        return []
    text = _plain(text or "")
    codes = countries_named(text)
    there = set().union(*(_places_of().get(c, frozenset()) for c in codes)) if codes else set()
    return [name for name, region in asked.items()
            if region not in there and not re.search(rf"(?<!\w)(?:{_CONTINENTS[name][1]})", text)]


# a continent's adjective, with the compass points that make it a region ("West African", "South-East Asian")
_CONTINENT_ADJECTIVES = {"African": "Africa", "Asian": "Asia", "European": "Europe", "Caribbean": "Caribbean",
                         "Latin American": "Latin America"}
_REGION_ADJECTIVE = re.compile(r"(?<![\w-])((?:(?:West|East|North|South|Central|Southern|Northern|Eastern|Western)"
                               r"[\s-]+)*)(" + "|".join(_CONTINENT_ADJECTIVES) + r")(?![\w-])")


_COMPASS = {"west": "Western", "western": "Western", "east": "Eastern", "eastern": "Eastern", "north": "Northern",
            "northern": "Northern", "south": "Southern", "southern": "Southern", "central": "Central",
            "south-east": "South-Eastern", "southeast": "South-Eastern"}


def region_words_named(question: str, text: str) -> set[str]:
    """The words of the regions the question names by a continent's adjective ("West African", "South-East Asian")
    that the text names: the region itself ("South-East Asia") or a country of it by countryinfo's subregion ("Viet
    Nam" is South-eastern Asia); where countryinfo does not tell the region apart ("West African": its African
    countries are all "Sub-Saharan") and for a bare adjective ("African"), the continent or any country of it. Not a
    country's demonym ("South African") nor a body's name ("European Union")."""
    out: set[str] = set()
    plain = _plain(text or "")
    for m in _REGION_ADJECTIVE.finditer(question or ""):
        whole = m.group(0)
        if country_of_demonym(whole) or re.match(r"\s+(?:Union|Commission|Parliament|Council|Court)\b",
                                                   (question or "")[m.end():]):
            continue
        continent = _CONTINENT_ADJECTIVES[m.group(2)]
        compass = m.group(1).strip().lower().replace(" ", "-")
        subs = {f"{_COMPASS.get(compass, compass.title())} {continent}".lower()} if compass else set()
        subs |= {f"middle {continent}".lower()} if compass == "central" else set()
        if not subs & _subregions():  # a bare adjective, or a region countryinfo does not tell apart ("West Africa")
            named = not continents_not_in(continent, text)
        else:
            places = [{p.lower() for p in _places_of().get(c, ())} for c in countries_named(plain)]
            said = re.search(rf"(?<!\w){re.escape(m.group(1).strip())}[\s-]+{re.escape(continent)}", plain)
            named = bool(said) or any(subs & p for p in places)
        if named:
            out.update(w for w in re.split(r"[\s-]+", whole) + whole.split() if w)  # "South-East" too
    return out


# Capitals countryinfo lacks ("GB"), spells otherwise than the UN ("Washington D.C.", "Naypyidaw") or has under a
# former name ("Nur-Sultan"), by alpha-2 code
_CAPITALS = {"GB": ("London",), "US": ("Washington",), "KZ": ("Astana", "Nur-Sultan"), "MM": ("Nay Pyi Taw",)}
# a capital's name inside a name that is not about the place: "the Doha Declaration", "the Paris Pact", "Lake Victoria"
_NOT_THE_PLACE_AFTER = re.compile(r"\s+(?:Declaration|Pact|Rules|Convention|Statute|Programme|Principles|Agreement|"
                                  r"Process|Protocol|Plan|Group|Accord|Charter|Call|Commitments?)\b")
_NOT_THE_PLACE_BEFORE = re.compile(r"(?:\b(?:Lake|Mr|Ms|Mrs|Dr|Mount|Port)\.?\s+)$")


@lru_cache(maxsize=1)
def _capitals() -> tuple[re.Pattern | None, dict[str, str]]:
    """(pattern for a capital's name as written in a paragraph, capital -> alpha-2 code). A capital two countries
    claim names neither."""
    pairs = [(_plain(capital), code) for code, capital in _records("capital") if capital]
    pairs += [(name, code) for code, names in _CAPITALS.items() for name in names]
    code_of = _one_country_each(pairs)
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


def country_names_in(text: str) -> list[tuple[int, int]]:
    """The spans of the countries' names a text has, in any case ("nigeria", "United States", "usa")."""
    asked, _, _ = _names()
    return [m.span(1) for m in asked.finditer(_plain(text or ""))]


def countries_not_in(question: str, text: str) -> list[str]:
    """The countries the question names (as it writes them) that the text does not name in any form: a heading in
    capitals, an adjective ("Kenyan", "Kenya-based") and the capital ("Nairobi") count as naming it."""
    asked = countries_in(question)
    if not asked:  # most questions name no country: the paragraphs need not be scanned
        return []
    have = countries_named(text)
    return [name for code, name in asked.items() if code not in have]


# Demonyms countryinfo gives otherwise than English usage ("Welsh" for the United Kingdom), by alpha-2 code
_DEMONYMS = {"GB": "British"}


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """demonym (lower case) -> alpha-2 code, for the demonyms one country alone has."""
    return _one_country_each(((_DEMONYMS.get(code) or demonym).lower(), code)
                             for code, demonym in _records("demonym") if _DEMONYMS.get(code) or demonym)


def country_of_demonym(word: str) -> str | None:
    """The alpha-2 code of the country a demonym names ("Mexican": MX), else None."""
    return _demonyms().get(re.sub(r"[’']s$", "", word or "").lower())


def is_place(word: str) -> bool:
    """A country's, capital's or continent's name or adjective, written as a name ("Kenya", "Kenyan", "Tashkent",
    "Africa", "African")."""
    return bool(word[:1].isupper() and (country_of_demonym(word) or countries_in(word) or capital_countries(word)
                                        or word in _CONTINENTS or word in _CONTINENT_ADJECTIVES))


def countries_named(text: str) -> set[str]:
    """The alpha-2 codes of the countries the text names in any form: name, adjective or capital."""
    _, written, code_of = _names()
    text = _plain(text or "")
    return {code_of[m.group(1).lower()] for m in written.finditer(text)} | capital_countries(text)


def capital_countries(text: str) -> set[str]:
    """The alpha-2 codes of the countries whose capital the text names as a place ("held in Tashkent": UZ; not "the
    Doha Declaration")."""
    capitals, capital_of = _capitals()
    if capitals is None:
        return set()
    text = _plain(text or "")
    return {capital_of[m.group(1)] for m in capitals.finditer(text)
            if not _NOT_THE_PLACE_AFTER.match(text, m.end(1))
            and not _NOT_THE_PLACE_BEFORE.search(text[max(0, m.start(1) - 8):m.start(1)])}


@lru_cache(maxsize=1)
def _capital_of_country() -> dict[str, str]:
    """alpha-2 code -> its capital's name, the UN's spelling where countryinfo's differs ("Astana")."""
    names = {code: spellings[0] for code, spellings in _CAPITALS.items()}
    for name, code in _capitals()[1].items():
        names.setdefault(code, name)
    return names


_CAPITAL_OF = re.compile(r"\bcapital(?:\s+city)?\s+of\s+(?:the\s+)?$", re.I)
# "Kenya's capital in 2017", not "Iran's capital punishment" or "Kenya's Capital Markets Authority": the word after it
# is not a noun it qualifies
_CAPITAL_AFTER = re.compile(r"^(?:[’']s)?\s+capital(?:\s+city)?(?=\s*(?:[?,.;:)]|$)|\s+(?:in|on|at|of|for|to|from|during|"
                            r"between|and|or|was|were|is|did|has|had|when|where|[a-z]+ed)\b)")


def with_capitals(question: str) -> str:
    """The question with the name of each capital it describes instead of naming ("Kyrgyzstan's capital" ->
    "Kyrgyzstan's capital (Bishkek)", "the capital of Kenya (Nairobi)"): a report names the city, so searching,
    ranking and grading need the name (one name: a second spelling would be a name the paragraph lacks)."""
    if "capital" not in (question or "").lower():
        return question
    asked, _, code_of = _names()
    names = _capital_of_country()
    out, last = [], 0
    for m in asked.finditer(_plain(question)):
        code = code_of.get(m.group(1).lower())
        if code not in names:
            continue
        after = _CAPITAL_AFTER.match(question[m.end(1):])
        if after:
            end = m.end(1) + after.end()
        elif _CAPITAL_OF.search(question[:m.start(1)]):
            end = m.end(1)
        else:
            continue
        out += [question[last:end], f" ({names[code]})"]
        last = end
    return "".join(out) + question[last:]


def warm() -> None:
    """Load the names now (about 100 ms) rather than on the first question."""
    _names()
    _capitals()
