"""Derive the international name lists of ``pii_redact``'s English PERSON
recognizer from Faker's bundled person and address providers (MIT licence),
so the recognizer needs neither Faker nor a model at run time:

* ``operators/pii/data/en_world_given.txt`` / ``en_world_surnames.txt``:
  given names and surnames written in Latin letters from every Faker locale
  that has them (English, German, French, Spanish, Italian, Portuguese, Dutch,
  Nordic, Baltic, Slavic and Hungarian, Turkish, Indonesian, Irish, Kenyan,
  Nigerian, Pakistani, Indian; Japanese and Chinese romanised forms) and a
  hand-written supplement (``EXTRA_GIVEN``, ``EXTRA_SURNAMES``), one word per line, the hand-written
  ``en_given_names.txt`` / ``en_surnames.txt``
  left out;
* ``operators/pii/data/en_name_words.txt``: nationality and language adjectives, and
  the names among those whose lower-case form is an ordinary English word (``lower >= MIN_LOWER`` and at least
  ``LOWER_SHARE`` of the capitalised count in the ``--corpus`` texts: "Green",
  "Bill", "Hope", "Page"): such a word alone is never taken as a name;
* ``operators/pii/data/en_places.txt``: one-word place names (countries, states,
  provinces, regions and cities of Faker's address providers): a surname alone
  that is also a place is not taken as a name ("Trinidad", "Campos"), nor a given
  name that is a place after "in", "from", "to" ("met in Geneva"; "Dolores said"
  stays a name).

    python scripts/build_pii_names.py --corpus ../shared/corpora/en_web.jsonl.gz ../shared/corpora/en_docs.jsonl.gz
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib
import json
import os
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "operators" / "pii" / "data"
#: One capitalised word in Latin letters (Latin-1, Latin Extended-A/B), optionally with ' or - inside.
NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ɏ][a-zß-öø-ÿĀ-ɏ]+(?:['-][A-ZÀ-ÖØ-Þa-zß-öø-ÿĀ-ɏ][a-zß-öø-ÿĀ-ɏ]+)?$")
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]+(?:['-][A-Za-zÀ-ÖØ-öø-ɏ]+)?")
GIVEN_ATTRS = (
    "first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
    "first_romanized_names", "first_romanized_names_male", "first_romanized_names_female",
)  # fmt: skip
SURNAME_ATTRS = ("last_names", "last_romanized_names", "last_names_male", "last_names_female")
PLACE_KEYS = (
    "cities",
    "city_names",
    "real_city_names",
    "countries",
    "states",
    "provinces",
    "regions",
    "municipalities",
)
#: Capitals and large cities by their English names (Faker's lists are in local spelling and lack
#: many English-speaking cities), written by hand.
WORLD_CITIES = """London Paris Berlin Madrid Rome Lisbon Dublin Vienna Prague Warsaw Budapest Athens Brussels
Amsterdam Copenhagen Stockholm Oslo Helsinki Geneva Zurich Munich Hamburg Frankfurt Cologne Milan Naples Turin
Florence Venice Barcelona Seville Valencia Porto Lyon Marseille Nice Bordeaux Edinburgh Glasgow Manchester
Liverpool Birmingham Leeds Bristol Cardiff Belfast Oxford Cambridge Kingston Moscow Kyiv Kiev Minsk Istanbul
Ankara Cairo Lagos Nairobi Johannesburg Durban Casablanca Tunis Algiers Accra Dakar Tokyo Osaka Kyoto Seoul
Busan Beijing Shanghai Shenzhen Guangzhou Chengdu Wuhan Taipei Manila Jakarta Bangkok Hanoi Singapore
Kuala Mumbai Delhi Bangalore Chennai Kolkata Karachi Lahore Dhaka Tehran Baghdad Riyadh Dubai Doha Jerusalem
Beirut Amman Sydney Melbourne Brisbane Perth Adelaide Auckland Wellington Toronto Montreal Vancouver Ottawa
Calgary Edmonton Quebec Boston Chicago Houston Dallas Austin Denver Phoenix Seattle Portland Atlanta Miami
Orlando Tampa Detroit Cleveland Pittsburgh Philadelphia Baltimore Nashville Memphis Charlotte Raleigh Richmond
Sacramento Oakland Tucson Albuquerque Omaha Milwaukee Minneapolis Indianapolis Columbus Cincinnati Louisville
Buffalo Rochester Savannah Charleston Lincoln Madison Jackson Mexico Guadalajara Monterrey Havana Bogota Lima
Quito Santiago Caracas Montevideo Asuncion Brasilia Rio Salvador Recife Manaus""".split()
#: Frequent given names and surnames of regions Faker's Latin-script lists cover thinly (West African,
#: South Asian, Arabic and Persian in romanisation, Central Asian, Romanian, South Slavic, Polish,
#: Korean and Vietnamese), written by hand from general knowledge.
EXTRA_GIVEN = """Oluwaseun Oluwadamilare Olumide Oluwatobi Adebayo Adewale Ayodele Babatunde Chidi Chidinma Chinedu
Chiamaka Chukwuemeka Emeka Ngozi Nkechi Obinna Ifeoma Ikechukwu Kelechi Temitope Tolulope Yetunde Funmilayo
Kwame Kofi Kwabena Akosua Abena Ama Yaw Kojo Kwesi Efua Amara Zainab Aisha Fatima Fatuma Halima Hadiza Musa
Ibrahim Abdullahi Abubakar Usman Yusuf Suleiman Amina Priyanka Priya Pooja Deepika Divya Kavya Lakshmi Meera
Neha Nisha Pallavi Radhika Rekha Shreya Sneha Sunita Swati Tanvi Vidya Aarav Aditya Akash Amit Anand Anil
Arjun Ashok Deepak Ganesh Gaurav Harish Karthik Krishna Manoj Mohan Nikhil Pradeep Prakash Rahul Rajesh Rakesh
Ramesh Ravi Rohit Sachin Sanjay Santosh Sandeep Suresh Vijay Vikram Vinod Vivek Yogesh Ahmed Mahmoud Mohammed
Muhammad Mustafa Omar Hassan Hussein Khalid Tariq Karim Samir Walid Youssef Hamza Bilal Faisal Nasser Rashid
Layla Leila Mariam Noura Rania Salma Yasmin Farah Dalia Hoda Reza Hossein Mehdi Ali Parisa Shirin Maryam Darius
Bakhyt Nursultan Aigerim Aliya Dauren Yerlan Askar Gulnara Timur Rustam Farrukh Dilnoza Bobur Laurentiu Mihai
Florin Bogdan Catalin Razvan Sorin Dorin Ionut Adrian Andreea Ioana Alina Mihaela Roxana Simona Dragomir
Dragan Dragana Zoran Goran Milan Milos Nemanja Stefan Slobodan Vesna Jelena Snezana Bojan Dejan Predrag Tomislav
Zeljko Mirela Marijana Wojciech Grzegorz Krzysztof Przemyslaw Malgorzata Agnieszka Katarzyna Magdalena Joanna
Jiwoo Jimin Minjun Seojun Jiho Seoyeon Minseo Jiwon Hyejin Sungmin Thanh Huong Linh Phuong Tuan Minh Duc Quang
Hoang Trang Ngoc Hanh Thao Dung""".split()
EXTRA_SURNAMES = """Adeyemi Adebayo Okafor Okonkwo Okoro Eze Nwosu Obi Chukwu Ogunleye Balogun Bello Abubakar Mensah
Owusu Boateng Asante Osei Appiah Agyeman Kamau Mwangi Otieno Odhiambo Njoroge Kimani Sharma Verma Gupta Singh
Kumar Patel Reddy Rao Nair Iyer Menon Pillai Joshi Desai Mehta Shah Chopra Kapoor Malhotra Banerjee Chatterjee
Mukherjee Das Bose Sen Ghosh Chowdhury Khan Hussain Rahman Ahmed Siddiqui Qureshi Malik Sheikh Haddad Khoury
Nasser Saleh Mansour Hamdan Farouk Abdullah Hosseini Ahmadi Mohammadi Rezaei Karimi Moradi Jafari Tehrani
Nurlanov Abdullaev Karimov Rakhimov Yusupov Ionescu Popescu Dumitrescu Stanciu Constantin Dragomir Munteanu
Kowalczyk Kowalski Nowak Wozniak Mazur Krawczyk Kaczmarek Zielinski Szymanski Wojcik Lewandowski Dabrowski
Jovanovic Petrovic Nikolic Markovic Djordjevic Stojanovic Horvat Kovac Babic Novak Kim Park Choi Jung Kang Cho
Yoon Jang Lim Han Shin Seo Kwon Hwang Nguyen Tran Pham Hoang Huynh Phan Vu Vo Dang Bui Do Ngo Duong Ly""".split()
#: Nationality and language adjectives: never a name alone ("Danish", "Japanese").
NATIONALITIES = """Afghan Albanian Algerian American Argentine Armenian Australian Austrian Bangladeshi Belgian Bolivian
Brazilian British Bulgarian Burmese Cambodian Cameroonian Canadian Chilean Chinese Colombian Croatian Cuban Czech
Danish Dutch Ecuadorian Egyptian English Estonian Ethiopian Filipino Finnish French Georgian German Ghanaian Greek
Guatemalan Haitian Hungarian Icelandic Indian Indonesian Iranian Iraqi Irish Israeli Italian Jamaican Japanese
Jordanian Kazakh Kenyan Korean Kurdish Latvian Lebanese Libyan Lithuanian Malaysian Maltese Mexican Mongolian
Moroccan Nepalese Nigerian Norwegian Pakistani Palestinian Peruvian Polish Portuguese Romanian Russian Saudi
Scottish Serbian Slovak Slovenian Somali Spanish Sudanese Swedish Swiss Syrian Taiwanese Thai Tunisian Turkish
Ukrainian Uruguayan Uzbek Venezuelan Vietnamese Welsh Yemeni Zambian Zimbabwean Arabic Hebrew Hindi Urdu
Bengali Punjabi Tamil Swahili Yoruba Igbo Hausa Zulu Latin Persian Catalan Basque Flemish Cantonese Mandarin""".split()
CITY_KEYS = ("cities", "city_names", "real_city_names", "municipalities")
MIN_LOWER = 3
LOWER_SHARE = 0.2
MIN_LEN = 3


def _values(v) -> list[str]:
    return list(v) if isinstance(v, (list, tuple, set, frozenset, dict)) else []


def _locales(package) -> list[str]:
    base = os.path.dirname(package.__file__)
    return sorted(
        d for d in os.listdir(base) if not d.startswith("_") and os.path.isdir(os.path.join(base, d))
    )


def faker_names() -> tuple[set[str], set[str]]:
    from faker.providers import person

    given, surnames = set(), set()
    for loc in _locales(person):
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attrs, out in ((GIVEN_ATTRS, given), (SURNAME_ATTRS, surnames)):
            for a in attrs:
                for value in _values(getattr(provider, a, None)):
                    out.update(t for t in value.split() if len(t) >= MIN_LEN and NAME_WORD.match(t))
    return given, surnames


def faker_places() -> tuple[set[str], set[str]]:
    """(countries, states, provinces and regions; cities)."""
    from faker.providers import address

    regions, cities = set(), set()
    for loc in _locales(address):
        provider = importlib.import_module(f"faker.providers.address.{loc}").Provider
        for key in PLACE_KEYS:
            out = cities if key in CITY_KEYS else regions
            for value in _values(getattr(provider, key, None)):
                if isinstance(value, str) and " " not in value.strip() and NAME_WORD.match(value.strip()):
                    out.add(value.strip())
    return regions, cities


def word_counts(paths: list[str]) -> tuple[collections.Counter, collections.Counter]:
    lower, cap = collections.Counter(), collections.Counter()
    for p in paths:
        with gzip.open(p, "rt", encoding="utf-8") as fh:
            for line in fh:
                for m in WORD.finditer(json.loads(line).get("text") or ""):
                    w = m.group()
                    if w.islower():
                        lower[w] += 1
                    elif w[0].isupper() and w[1:].islower():
                        cap[w] += 1
    return lower, cap


def _hand_list(name: str) -> set[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return {t for line in text.splitlines() if not line.startswith("#") for t in line.split()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", nargs="+", required=True, help="English JSONL.GZ files with 'text' (word frequencies)"
    )
    args = ap.parse_args(argv)
    given, surnames = faker_names()
    given |= set(EXTRA_GIVEN)
    surnames |= set(EXTRA_SURNAMES)
    regions, cities = faker_places()
    lower, cap = word_counts(args.corpus)
    names = given | surnames
    words = {n for n in names if lower[n.lower()] >= MIN_LOWER and lower[n.lower()] >= LOWER_SHARE * cap[n]}
    words |= set(NATIONALITIES)
    header = "# generated by scripts/build_pii_names.py from Faker's providers (MIT); do not edit\n"
    files = {
        "en_world_given.txt": given - _hand_list("en_given_names.txt"),
        "en_world_surnames.txt": surnames - _hand_list("en_surnames.txt"),
        "en_name_words.txt": words,
        "en_places.txt": regions | cities | set(WORLD_CITIES),
    }
    for name, values in files.items():
        (DATA / name).write_text(header + "\n".join(sorted(values)) + "\n", encoding="utf-8")
    print({k: len(v) for k, v in files.items()})


if __name__ == "__main__":
    main()
