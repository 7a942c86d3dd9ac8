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
def _names() -> tuple[re.Pattern, dict[str, str]]:
    """(one pattern for every name, longest first; name -> alpha-2 code)."""
    try:
        import pycountry
    except ImportError as err:  # a core dependency: an install without it is broken, and says how to mend it
        raise ImportError("pycountry is missing: reinstall ParaCite (pip install -e .)") from err
    code_of: dict[str, str] = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", None), getattr(c, "official_name", None), c.name.split(",")[0]}
        names |= set(_SHORT_FORMS.get(c.alpha_2, ()))
        for n in filter(None, names):
            code_of.setdefault(n.strip(), c.alpha_2)
    alternatives = sorted(code_of, key=len, reverse=True)  # "Guinea-Bissau" before "Guinea"
    pattern = re.compile(r"(?<![\w\-])(?:the\s+)?(" + "|".join(re.escape(n) for n in alternatives) + r")(?![\w\-])")
    return pattern, code_of


def countries_in(text: str) -> dict[str, str]:
    """{alpha-2 code: the name as written} of the countries the text names."""
    pattern, code_of = _names()
    out: dict[str, str] = {}
    for m in pattern.finditer(text or ""):
        out.setdefault(code_of[m.group(1)], m.group(1))
    return out


def countries_not_in(question: str, text: str) -> list[str]:
    """The countries the question names (as it writes them) that the text does not name in any form."""
    have = countries_in(text)
    return [name for code, name in countries_in(question).items() if code not in have]
