"""app/text/countries.py: country names in English text (ISO 3166 via pycountry, plus usual short forms)."""
from __future__ import annotations

import pytest
from app.text.countries import countries_in, countries_not_in


def test_names_in_every_form_map_to_one_country():
    text = "the United Kingdom, the UK, Britain; Viet Nam and Vietnam; Iran (Islamic Republic of); Côte d’Ivoire"
    assert countries_in(text) == {"GB": "United Kingdom", "VN": "Viet Nam", "IR": "Iran", "CI": "Côte d’Ivoire"}


def test_longest_name_wins_and_parts_of_words_do_not_count():
    got = countries_in("Guinea-Bissau, Papua New Guinea, Equatorial Guinea, Nigerian officials and the Niger")
    assert set(got) == {"GW", "PG", "GQ", "NE"}  # no Guinea, no Nigeria from "Nigerian"


def test_regions_and_plain_words_are_not_countries():
    assert countries_in("Latin America, West Africa, the Pacific, Member States, a chad-like word") == {}


def test_countries_not_in_compares_codes_not_spellings():
    assert countries_not_in("What did UNODC do in the UK and in Kenya?", "In the United Kingdom of Great Britain and "
                            "Northern Ireland, UNODC ...") == ["Kenya"]
    assert countries_not_in("What happened in Vienna?", "nothing") == []


def test_a_paragraph_names_a_country_in_capitals_hyphenated_or_as_an_adjective():
    for text in ("AFGHANISTAN", "the Kenya-based office", "Kenyan and Afghan authorities"):
        assert countries_not_in("What was done in Kenya and Afghanistan?", text) != ["Kenya", "Afghanistan"], text
    assert countries_not_in("What was done in Kenya?", "The Kenya-based office") == []
    assert countries_not_in("What was done in Afghanistan?", "AFGHANISTAN") == []
    assert countries_not_in("What was done in Kenya?", "Kenyan authorities") == []


def test_curly_apostrophes_and_ambiguous_short_names():
    assert countries_in("the Lao People’s Democratic Republic") == {"LA": "Lao People’s Democratic Republic"}
    assert set(countries_in("the Democratic People’s Republic of Korea")) == {"KP"}  # not the Republic of Korea
    assert countries_in("Korea") == {}  # two countries: neither
    assert set(countries_in("the Congo")) == {"CG"} and set(countries_in("the Democratic Republic of the Congo")) == {"CD"}


def test_a_lower_case_word_in_a_question_is_not_a_country():
    assert countries_in("the turkey was served; chad is a name") == {}


def test_a_paragraph_names_a_country_by_its_capital():
    from app.text.countries import capital_countries

    q = "What did UNODC organise in Kyrgyzstan's capital in 2017?"
    assert countries_not_in(q, "A regional workshop was held in Bishkek on 7 and 8 September 2017.") == []
    assert countries_not_in(q, "A regional workshop was held in Tashkent in 2017.") == ["Kyrgyzstan"]
    assert capital_countries("held in Tashkent and in London") == {"UZ", "GB"}  # London: added where countryinfo lacks it
    assert capital_countries("Jerusalem") == set()  # claimed by two countries: names neither
    assert capital_countries("a bishkek-style meeting") == set()  # a capital is a name: capitalised


def test_a_continent_is_named_by_itself_its_adjective_or_one_of_its_countries():
    from app.text.countries import continents_not_in

    q = "How many of the experts at the Vienna meeting came from Africa?"
    assert continents_not_in(q, "Experts from all regions met in Vienna.") == ["Africa"]  # Vienna is in Europe
    assert continents_not_in(q, "Experts from Senegal and Kenya met.") == []
    assert continents_not_in(q, "Experts from Dakar met.") == []  # a capital names its country, and so its continent
    assert continents_not_in(q, "West African experts met.") == []
    assert continents_not_in("What did UNODC do in Latin America?", "Training in Viet Nam.") == ["Latin America"]
    assert continents_not_in("Which West African network met?", "WACAP met.") == []  # an adjective asks no place


def test_a_capital_inside_an_instrument_s_name_is_not_the_place_and_renamed_capitals_count():
    from app.text.countries import capital_countries

    assert capital_countries("the Doha Declaration, the Paris Pact, the Bangkok Rules and Lake Victoria") == set()
    assert capital_countries("held in Astana; then in Nay Pyi Taw") == {"KZ", "MM"}


def test_a_continent_inside_a_country_s_name_is_not_asked_and_latin_america_is_not_the_united_states():
    from app.text.countries import continents_in, continents_not_in

    assert continents_in("What did South Africa report?") == {}
    assert continents_in("What did UNODC do in Latin America and the Caribbean?") == {"Latin America":
                                                                                     "Latin America and the Caribbean"}
    us = "The United States of America funded work in Canada."
    assert continents_not_in("What did UNODC do in Latin America?", us) == ["Latin America"]
    assert continents_not_in("What did UNODC do in Latin America?", "Training in Panama.") == []


@pytest.mark.parametrize("question, expected", [
    ("What did UNODC organise in Kyrgyzstan's capital in 2017?",
     "What did UNODC organise in Kyrgyzstan's capital (Bishkek) in 2017?"),
    ("Which meetings took place in the capital of Kenya?", "Which meetings took place in the capital of Kenya (Nairobi)?"),
    ("Was there a workshop in the capital city of Uzbekistan?",
     "Was there a workshop in the capital city of Uzbekistan (Tashkent)?"),
    ("What did the capital markets of Kenya do?", "What did the capital markets of Kenya do?"),  # not a city
    ("What did UNODC do in Kenya?", "What did UNODC do in Kenya?"),
    # "capital" qualifying another noun is no city; a capital is spelt as the UN spells it
    ("Has Iran's capital punishment regime changed?", "Has Iran's capital punishment regime changed?"),
    ("What did Kenya's Capital Markets Authority do?", "What did Kenya's Capital Markets Authority do?"),
    ("What happened in Kazakhstan's capital?", "What happened in Kazakhstan's capital (Astana)?"),
])
def test_a_capital_described_instead_of_named_is_named(question, expected):
    from app.text.countries import with_capitals

    assert with_capitals(question) == expected


def test_a_country_is_named_by_its_capital_for_the_names_a_question_needs():
    from app.abstain import missing_key_terms
    from app.types import Hit

    bishkek = Hit("doc", 18, (), "A regional workshop was held in Bishkek on 7 and 8 September 2017.", 1.0)
    assert missing_key_terms("What did UNODC organise in Kyrgyzstan's capital (Bishkek)?", [bishkek]) == []
    assert missing_key_terms("What did UNODC organise in Kyrgyzstan?", [bishkek]) == []
    assert missing_key_terms("What did UNODC organise in Kazakhstan?", [bishkek]) == ["kazakhs"]


def test_a_region_named_by_a_continent_s_adjective_is_named_by_its_continent_or_a_country_of_it():
    from app.abstain import missing_key_terms
    from app.types import Hit

    wacap = Hit("doc", 49, (), "WACAP trained 333 prosecutors from Benin, Ghana and Senegal.", 1.0)
    assert missing_key_terms("How many officials did the West African network train?", [wacap]) == []
    asia = Hit("doc", 91, (), "In South-East Asia, UNODC held workshops on public procurement.", 1.0)
    assert missing_key_terms("Which South-East Asian countries hosted workshops?", [asia]) == []
    # ... but not by a paragraph about another continent
    assert sorted(missing_key_terms("Which South-East Asian countries hosted workshops?", [wacap])) == \
        ["asian", "south-e"]
    senegal = Hit("doc", 33, (), "A workshop for judges from Senegal and Ghana was held.", 1.0)
    assert missing_key_terms("Which South-East Asian or West African judges attended?", [senegal]) == ["asian", "south-e"]
    kenya = Hit("doc", 29, (), "A workshop was held in Nairobi for officials from Uganda.", 1.0)
    assert missing_key_terms("Which South-East Asian or East African judges attended?", [kenya]) == ["asian", "south-e"]
    assert missing_key_terms("Which South-East Asian judges attended?", [Hit("doc", 1, (), "Judges from Viet Nam.", 1.0)]) == []



@pytest.mark.parametrize("question, text, named", [
    ("Which Central Asian officials took part?", "Officials from Uzbekistan took part.", True),
    ("Which Central Asian officials took part?", "Officials from Indonesia took part.", False),  # another subregion
    ("How many South African police officers took part?", "Officers from Nigeria took part.", False),  # a country
    ("How much did the European Union give?", "Germany gave $1 million.", False),  # a body, not a region
])
def test_a_region_is_read_at_the_grain_the_country_records_give(question, text, named):
    from app.text.countries import region_words_named

    assert bool(region_words_named(question, text)) is named
