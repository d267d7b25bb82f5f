"""Actors: the shipped gazetteer, and counting who is mentioned."""

from __future__ import annotations

from datetime import date

import pytest

from briefgen.actors import find_actors, load_gazetteer, parse_gazetteer
from briefgen.errors import ConfigError
from briefgen.models import Actor


def _counts(*texts: str) -> dict[str, int]:
    return {a.name: a.mentions for a in find_actors(texts, limit=100)}


def test_gazetteer_ships_with_the_package_and_covers_the_world() -> None:
    gaz = load_gazetteer()
    countries = {e.name for e in gaz.aliases.values() if e and e.kind == "country"}
    people = {e.name for e in gaz.aliases.values() if e and e.kind == "person"}
    organisations = {e.name for e in gaz.aliases.values() if e and e.kind == "organisation"}
    assert len(countries) >= 193
    assert len(people) >= 200
    assert {"NATO", "European Union", "World Trade Organization", "G20"} <= {
        gaz.lookup(a)[0] for a in ("Nato", "EU", "WTO", "G-20") if gaz.lookup(a)
    }
    assert {"Shinzo Abe", "Xi Jinping", "Kofi Annan", "António Guterres"} <= people
    assert "United Nations" in organisations


@pytest.mark.parametrize(
    ("alias", "name", "kind"),
    [
        ("Japanese", "Japan", "country"),
        ("British", "United Kingdom", "country"),
        ("Britain", "United Kingdom", "country"),
        ("UK", "United Kingdom", "country"),
        ("U.S.", "United States", "country"),
        ("American", "United States", "country"),
        ("Pyongyang", "North Korea", "country"),
        ("Beijing", "China", "country"),
        ("Moscow", "Russia", "country"),
        ("Afghans", "Afghanistan", "country"),
        ("Northern Ireland", "United Kingdom", "country"),
        ("Soviet", "Soviet Union", "country"),
        ("West German", "West Germany", "country"),
        ("Nato", "NATO", "organisation"),
        ("U.N.", "United Nations", "organisation"),
        ("Kim Jong Un", "Kim Jong-un", "person"),
        ("Lula da Silva", "Luiz Inácio Lula da Silva", "person"),
    ],
)
def test_aliases(alias: str, name: str, kind: str) -> None:
    assert load_gazetteer().lookup(alias) == (name, kind)


def test_counts_and_order() -> None:
    actors = find_actors(
        [
            "Japan and Britain agreed to co-operate. The Japanese navy will host British ships.",
            "North Korea fired a missile over Japan.",
        ]
    )
    assert actors[:3] == [
        Actor("Japan", "country", 3),
        Actor("United Kingdom", "country", 2),
        Actor("North Korea", "country", 1),
    ]


def test_ties_are_sorted_by_name() -> None:
    names = [a.name for a in find_actors(["Peru, Chile and Bolivia signed the pact."])]
    assert names == ["Bolivia", "Chile", "Peru"]


def test_longest_match_wins() -> None:
    counts = _counts(
        "The UN Security Council met after North Korea's test; South Korea and the UN objected."
    )
    assert counts == {
        "UN Security Council": 1,
        "North Korea": 1,
        "South Korea": 1,
        "United Nations": 1,
    }


def test_short_acronyms_are_case_sensitive() -> None:
    assert _counts("Let us talk about it with them.") == {}
    assert _counts("The US and the EU will talk.") == {"United States": 1, "European Union": 1}
    assert _counts("WHO experts arrived; who knows when they leave.") == {
        "World Health Organization": 1
    }


def test_word_boundaries() -> None:
    # "Niger" is not counted inside "Nigeria", nor "Oman" inside "Romania".
    assert _counts("Nigeria and Romania traded.") == {"Nigeria": 1, "Romania": 1}
    assert _counts("Japan-based firms") == {"Japan": 1}
    assert _counts("Japan's exports") == {"Japan": 1}


def test_ignored_phrases_do_not_count() -> None:
    assert _counts("The Washington Post reported on Latin America.") == {}


def test_titled_people_and_later_honorifics() -> None:
    counts = _counts(
        "Foreign Minister Wang Hailong met President Amara Diallo in Dakar.",
        "Mr Wang said talks went well. Mr Diallo agreed.",
    )
    assert counts["Wang Hailong"] == 2
    assert counts["Amara Diallo"] == 2
    assert counts["Senegal"] == 1


def test_a_middle_initial_is_part_of_the_name() -> None:
    counts = _counts(
        "Secretary of State Antony J. Blinken flew to Manila. Blinken met its leaders.",
        "Finance Minister Teodor K. Varga of Velmar spoke later.",
    )
    assert counts == {"Antony Blinken": 2, "Philippines": 1, "Teodor K. Varga": 1}


def test_honorific_resolves_to_gazetteer_person() -> None:
    counts = _counts("Theresa May arrived. Ms May met Mr Abe and Shinzo Abe's cabinet.")
    assert counts == {"Theresa May": 2, "Shinzo Abe": 2}


def test_ambiguous_honorific_is_not_counted() -> None:
    counts = _counts("Prime Minister Anna Berg met Governor Olof Berg. Ms Berg spoke first.")
    assert counts == {"Anna Berg": 1, "Olof Berg": 1}


def test_limit() -> None:
    assert len(find_actors(["France, Spain, Italy, Greece and Malta."], limit=2)) == 2


def test_duplicate_alias_is_an_error_naming_both() -> None:
    content = '[countries]\nJapan = ["Tokyo"]\nChina = ["Tokyo"]\n'
    with pytest.raises(ConfigError, match=r"'Tokyo'.*'Japan'"):
        parse_gazetteer(content, "custom.toml")


def test_unknown_table_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"custom\.toml.*planets"):
        parse_gazetteer("[planets]\nMars = []\n", "custom.toml")


_PLACES = '[countries]\nVelmar = []\nNordvik = []\n[organisations]\n"Kessel Council" = []\n'
_PEOPLE = '[people]\n"Ana Okafor" = ["Okafor"]\n"Ivo Arvand" = []\n'


def test_leaders_speak_for_a_country_or_a_body() -> None:
    content = (
        f'{_PLACES}{_PEOPLE}[leaders]\nVelmar = ["Ana Okafor"]\n"Kessel Council" = ["Ivo Arvand"]\n'
    )
    gazetteer = parse_gazetteer(content, "custom.toml")
    assert gazetteer.leaders == {
        "Ana Okafor": ("Velmar", "country"),
        "Ivo Arvand": ("Kessel Council", "organisation"),
    }
    assert parse_gazetteer(f"{_PLACES}{_PEOPLE}", "custom.toml").leaders == {}
    shipped = load_gazetteer().leaders
    assert shipped["Kim Jong-un"] == ("North Korea", "country")
    assert shipped["António Guterres"] == ("United Nations", "organisation")
    assert "Osama bin Laden" not in shipped  # speaks for no state


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('Atlantis = ["Ana Okafor"]', r"leaders\.Atlantis: not a country or organisation"),
        ('Velmar = ["Eva Nordvik"]', r"'Eva Nordvik' is not in \[people\]"),
        ('Velmar = ["Ana Okafor"]\nNordvik = ["Ana Okafor"]', r"'Ana Okafor' already speaks for"),
        ('Velmar = "Ana Okafor"', r"leaders\.Velmar must be a list of names"),
    ],
)
def test_a_leader_must_be_a_known_person_under_one_known_place(table: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_gazetteer(f"{_PLACES}{_PEOPLE}[leaders]\n{table}\n", "custom.toml")


def test_a_name_whose_last_word_is_left_out_counts() -> None:
    # "North and South Korea" names two states, "East and West German" two peoples.
    assert _counts("North and South Korea met; East and West German envoys came.") == {
        "North Korea": 1,
        "South Korea": 1,
        "East Germany": 1,
        "West Germany": 1,
    }
    assert _counts("South or North Korean troops.") == {"North Korea": 1, "South Korea": 1}
    # Not a compass point of a country's name: a region, or the same name again.
    assert _counts("The Far East and West Germany.") == {"West Germany": 1}
    assert _counts("The Middle East and South Korea.") == {"South Korea": 1}
    assert _counts("South and South Korea.") == {"South Korea": 1}


def test_former_states_are_read_from_the_gazetteer() -> None:
    content = f'{_PLACES}[former]\nNordvik = {{ is = "Velmar", ended = 1990-10-03 }}\n'
    assert parse_gazetteer(content, "custom.toml").former == {
        "Nordvik": ("Velmar", date(1990, 10, 3))
    }
    shipped = load_gazetteer().former
    assert shipped["Soviet Union"] == ("Russia", date(1991, 12, 26))
    assert shipped["West Germany"][0] == shipped["East Germany"][0] == "Germany"


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('Atlantis = { is = "Velmar", ended = 1990-10-03 }', r"former\.Atlantis: not a country"),
        ('Nordvik = { is = "Atlantis", ended = 1990-10-03 }', r"'Atlantis' is not another"),
        ('Nordvik = { is = "Nordvik", ended = 1990-10-03 }', r"'Nordvik' is not another"),
        ('Nordvik = { is = "Velmar", ended = "1990" }', r"ended = '1990' is not a date"),
        ('Nordvik = { is = "Velmar", ended = 1990-10-03T12:00:00 }', r"is not a date"),
        ('Nordvik = { is = "Velmar" }', r"former\.Nordvik must be"),
        ('Nordvik = "Velmar"', r"former\.Nordvik must be"),
    ],
)
def test_a_former_state_must_be_a_country_carried_on_by_another(table: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_gazetteer(f"{_PLACES}[former]\n{table}\n", "custom.toml")


def _named(texts: list[str], on: date | None) -> dict[str, int]:
    return {a.name: a.mentions for a in find_actors(texts, on=on)}


def test_a_state_counts_for_the_former_state_it_was_on_the_day() -> None:
    texts = ["Moscow said the Soviet Union would buy grain.", "Russian officials agreed."]
    # In 1987 Moscow and the Russians were the Soviet Union; in 2017 Russia is a state.
    assert _named(texts, date(1987, 3, 1)) == {"Soviet Union": 3}
    assert _named(texts, date(2017, 3, 1)) == {"Russia": 2, "Soviet Union": 1}
    assert _named(texts, None) == {"Russia": 2, "Soviet Union": 1}
    assert _named(["Belgrade and Prague signed."], date(1987, 3, 1)) == {
        "Czechoslovakia": 1,
        "Yugoslavia": 1,
    }
    # The day it ended, the later state is itself again.
    assert _named(["Moscow spoke."], date(1991, 12, 26)) == {"Russia": 1}


def test_germany_before_1990_is_the_one_of_the_two_the_texts_name() -> None:
    west = ["German banks lent more.", "West German exports rose."]
    assert _named(west, date(1987, 3, 1)) == {"West Germany": 2}
    east = ["German banks lent more.", "East Berlin spoke."]
    assert _named(east, date(1987, 3, 1)) == {"East Germany": 2}
    # Both named, or neither: "German" is left as it is.
    both = ["German talks.", "West German and East German envoys met."]
    assert _named(both, date(1987, 3, 1)) == {"East Germany": 1, "Germany": 1, "West Germany": 1}
    assert _named(["German banks lent more."], date(1987, 3, 1)) == {"Germany": 1}
    assert _named(west, date(2017, 3, 1)) == {"Germany": 1, "West Germany": 1}


def test_honorific_alone_is_not_guessed_from_a_common_surname() -> None:
    # "Mr Howard" could be John Howard or Michael Howard: only a full name decides.
    assert _counts("Mr Howard attacked the budget.") == {}
    assert _counts("John Howard spoke. Mr Howard left.") == {"John Howard": 2}


def test_a_surname_alone_is_someone_else_under_another_given_name() -> None:
    """A surname alone: "Stoltenberg" is NATO's Jens Stoltenberg; "Gerhard Stoltenberg", a West
    German finance minister, and a banker named "Schroeder-Hohenwarth" are not."""
    assert _counts(
        "Finance Minister Gerhard Stoltenberg spoke at the meeting. Stoltenberg said rates "
        "would hold."
    ) == {"Gerhard Stoltenberg": 1}
    assert _counts("The banker Hanns Schroeder-Hohenwarth spoke at the meeting.") == {}
    assert _counts(
        "Chancellor Schroeder met Stoltenberg. Norway's Stoltenberg left. Stoltenberg spoke."
    ) == {"Gerhard Schroeder": 1, "Jens Stoltenberg": 3, "Norway": 1}
    # Joined to another known name, or after the person's own given name, it is theirs.
    assert _counts("The Merkel-Macron summit ended.") == {
        "Angela Merkel": 1,
        "Emmanuel Macron": 1,
    }
    assert _counts("President Luiz Inacio Lula spoke.") == {"Luiz Inácio Lula da Silva": 1}
    assert _counts("It will be used against me and Don Rumsfeld.") == {"Donald Rumsfeld": 1}
    # A headline in title case capitalises the word before the surname too.
    assert _counts("Okafor Accepts Trump's Invitation To Meet\nThe talks will be short.") == {
        "Donald Trump": 1
    }


def _countries(text: str) -> list[str]:
    return [name for _, _, name, kind in load_gazetteer().scan(text) if kind == "country"]


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        # A country's name that is also a person's, after a title or a given name.
        ("The committee, chaired by Rep. Jim Jordan, will hold a hearing.", []),
        ("Sen. Jordan said the bill would pass.", []),
        ("It matched the forecast of Jerry Jordan, who sits on the bank's board.", []),
        ("King Abdullah of Jordan met the envoy.", ["Jordan"]),
        ("Jordan and Syria signed a water treaty.", ["Jordan", "Syria"]),
        ("Northern Chad was bombed again.", ["Chad"]),
        ("Chad Says It Beat Back Libyans In Desert Clash", ["Chad", "Libya"]),  # title case
        # Georgia, the US state, by its places, the other states or a name run on.
        ("Georgia Power Co said the plant will cost more than planned.", []),
        ("Georgia-Pacific Corp said it will redeem its preferred issues.", []),
        ("A trust based in Atlanta, Georgia, launched a bond.", []),
        ("Rains fell on Alabama and Georgia into Florida.", []),
        (
            "The storm hit the southern Soviet republic of Georgia hard.",
            ["Soviet Union", "Georgia"],
        ),
        ("Georgia and Russia fought a short war in August.", ["Georgia", "Russia"]),
        ("The Georgia President said Tbilisi would not yield.", ["Georgia", "Georgia"]),
    ],
)
def test_a_countrys_name_that_is_a_persons_or_a_us_states(text: str, countries: list[str]) -> None:
    assert _countries(text) == countries


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('people = ["Atlantis"]', r"ambiguous\.people: 'Atlantis' is no country's name"),
        ('people = "Velmar"', r"ambiguous\.people must be a list"),
        ('[ambiguous.states.Velmar]\nplaces = ["Kessel"]', r"states\.Velmar\.abroad must be"),
        ('[ambiguous.states.Kessel]\nplaces = ["A"]\nabroad = ["B"]', r"'Kessel' is no country"),
    ],
)
def test_the_ambiguous_table_is_checked(table: str, message: str) -> None:
    content = f"{_PLACES}[ambiguous]\n{table}\n"
    with pytest.raises(ConfigError, match=message):
        parse_gazetteer(content, "custom.toml")
