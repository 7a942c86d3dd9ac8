"""Questions about the real report (corpus/unodc-ccpcj-2018-activities.txt) with the key fact each answer must contain
and the paragraph(s) it must cite (any one of them). Written from the report by the answering helper; used by
test_answer_real.py and for tuning the extractive scorer and the abstention threshold."""

# (question, facts that must all occur in the answer text, acceptable cited paragraphs)
ANSWERABLE = [
    # numbers
    ("How many States were parties to the Organized Crime Convention?", ["189"], {7}),
    ("How many States were parties to the Firearms Protocol?", ["115"], {7}),
    ("How many parties did the Smuggling of Migrants Protocol have?", ["146"], {7}),
    ("How many users accessed SHERLOC between February 2017 and February 2018?", ["186,990"], {9}),
    ("How many cases involving organized crime did SHERLOC include?", ["2,700"], {8}),
    ("How many victims were assisted by the Voluntary Trust Fund for Victims of Trafficking in Persons?", ["3,000"], {28}),
    ("How much money did the Trust Fund raise in 2017?", ["1.66 million"], {28}),
    ("How many firearms were seized in operation TRIGGER III?", ["130"], {39}),
    ("How many participants attended the seventh session of the Conference of the States Parties?", ["2,000"], {63}),
    ("How many impressions did the World Day against Trafficking in Persons social media campaign reach?", ["73 million"], {23}),
    ("How many practitioners did the Global Programme against Trafficking in Persons reach?", ["735"], {22}),
    ("How many languages is the e-learning tool on the fight against corruption available in?", ["23"], {76}),
    ("How many page views did the TRACK portal receive in 2017?", ["54,488"], {77}),
    ("How many smuggling of migrants cases were in the case law database?", ["758"], {36}),
    ("How many prosecutors and judges were trained by the WACAP train-the-trainer programme?", ["333"], {49}),
    ("How many States designated central authorities for mutual legal assistance under the Convention against Corruption?", ["129"], {100}),
    ("How many activities did CRIMJUST implement?", ["62"], {45}),
    ("How many experts from central authorities attended the expert group meeting in October 2017?", ["Twenty-one"], {19}),
    # dates and places
    ("When was the seventh session of the Conference of the States Parties to the Convention against Corruption held?", ["6 to 10 November 2017"], {63}),
    ("When was the World Day against Trafficking in Persons observed?", ["30 July"], {23}),
    ("Where was the Regional Expert Group Meeting on smuggling of migrants in East Africa held?", ["Kenya"], {30}),
    ("When is the global judicial integrity network to be launched?", ["April 2018"], {86}),
    ("Where was the Great Lakes Judicial Cooperation Network launched?", ["Khartoum"], {54}),
    ("When did the Secretariat plan to launch the external contributors interface?", ["end of 2018"], {15}),
    # lists / entities
    ("Which States acceded to the Smuggling of Migrants Protocol?", ["Côte d’Ivoire"], {6}),
    ("Which States had the largest number of SHERLOC portal users?", ["India"], {9}),
    ("Which countries received technical assistance from CRIMJUST?", ["Ghana"], {46}),
    ("What was the theme of the World Day against Trafficking in Persons in 2017?", ["act to protect and assist trafficked persons"], {23}),
    # a reader's words for the report's set terms: countries for States, ratified or signed up for parties
    ("How many countries have ratified the Convention against Transnational Organized Crime?", ["189"], {7}),
    ("How many countries have signed up to the migrant smuggling protocol?", ["146"], {7}),
    # paraphrases
    ("What database did UNODC add to SHERLOC to cover national strategies?", ["database on strategies"], {11}),
    ("Which film was screened for Permanent Missions in Vienna?", ["Sold"], {23}),
    ("What resolution on corruption in sport did the Conference adopt?", ["7/8"], {63}),
    ("What results did the interregional operation enabled by CRIMJUST achieve?", ["55 tons"], {47}),
    ("What is the Mutual Legal Assistance Request Writer Tool?", ["drafting requests for mutual legal assistance"], {16, 101}),
    ("What did the StAR Initiative do to help countries recover stolen assets?", ["StAR Initiative"], {102, 74, 103}),
    # the answer's subject, after an opening phrase, is "the list" of the sentence before it
    ("How many countries have let UNODC know which authority deals with mutual legal assistance requests under the "
     "anti-corruption convention?", ["129"], {100}),
    # a list that goes on in the next sentence ("It also discussed ...")
    ("What topics were on the table when the asset recovery working group met in August 2017?",
     ["timely sharing of information", "victims of corruption"], {71}),
    # the answer's subject is "The report" of the sentence before it, which alone matches the question better
    ("Which resolution came out of the Security Council session that discussed the Secretary-General's report on "
     "trafficking of people in war?", ["2388"], {26}),
    # multi-paragraph
    ("How many States were parties to the Convention and how many accessed SHERLOC?", ["189", "186,990"], {7, 9}),
    # a comparison: each side's figure
    ("Which programme reached more practitioners, the one against trafficking in persons or the one against the "
     "smuggling of migrants?", ["735", "over 200 practitioners"], {22, 29}),
    ("Which had more users: the SHERLOC knowledge portal or the anti-corruption e-learning course for the private "
     "sector?", ["186,990", "247,500"], {9, 76}),
    # two counts whose best sentence is the same one, which states only one of them
    ("From how many States did UNODC train investigators and prosecutors on corruption, and in how many States did "
     "it hold workshops on corruption and money-laundering?", ["23 States", "12 States"], {82, 84}),
]

UNANSWERABLE = [
    "How many States were parties to the Organized Crime Convention in 2025?",
    "What is the capital of France?",
    "What did UNODC do in Canada?",
    "How much did the Olympic Games in Tokyo cost?",
    "What was the budget of UNODC in 2015?",
    "Who won the football World Cup in 2014?",
    "How many nuclear weapons does Norway possess?",
    "What is the population of Brazil?",
    "What are the side effects of aspirin?",
    "How many employees does Microsoft have?",
]

# (history question, follow-up, fact, paragraphs)
FOLLOW_UPS = [
    ("How many States were parties to the Organized Crime Convention?", "and the Firearms Protocol?", "115", {7}),
    ("How many States were parties to the Organized Crime Convention?", "What about the Smuggling of Migrants Protocol?", "146", {7}),
    ("When was the seventh session of the Conference of the States Parties to the Convention against Corruption held?",
     "How many participants attended it?", "2,000", {63}),
]
