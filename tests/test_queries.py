"""Every saved query, on the hand-written graph in tests/data/queries/graph.trig.

Expected answers are read off that file by hand (its header comment tells the
story). Each is checked through the library and through ``kg query --format json``.
"""

from __future__ import annotations

import json

import pytest

from kg import queries
from kg.store import Store

ID = "https://w3id.org/powkg/id/"
E_AUG = ID + "exchange/2024-08-russia-united-states"
E_0609 = ID + "exchange/2025-06-09-russia-ukraine"
E_0610 = ID + "exchange/2025-06-10-russia-ukraine"


def _library(store_dir, name: str, **params: str) -> list[dict[str, str]]:
    with Store(store_dir, read_only=True) as store:
        result = queries.run(queries.get(name), params, store)
    return [
        {v: t.value for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]


def _cli(kg, name: str, **params: str) -> list[dict[str, str]]:
    args = [arg for key, value in params.items() for arg in ("-p", f"{key}={value}")]
    result = kg("query", name, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.output)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


@pytest.fixture
def answers(graph_store, kg):
    """Run a saved query both ways; they must agree, and the answer is returned."""

    def run(name: str, **params: str) -> list[dict[str, str]]:
        through_library = _library(graph_store, name, **params)
        assert _cli(kg, name, **params) == through_library
        return through_library

    return run


def _pick(rows: list[dict[str, str]], *columns: str) -> list[tuple[str, ...]]:
    return [tuple(row.get(c, "") for c in columns) for row in rows]


def test_stages_of_agreement_in_order_including_a_stage_linked_across_articles(answers):
    rows = answers("stages-of-agreement", date="2025-06-02")
    assert _pick(rows, "stage", "started", "category", "exchange") == [
        ("1", "2025-06-09", "seriously wounded or ill", E_0609),
        ("2", "2025-06-10", "", E_0610),  # only the links graph ties it to June 2
    ]


def test_stages_of_agreement_hides_its_parameter_column(answers):
    rows = answers("stages-of-agreement", date="2025-06-02")
    assert "date" not in rows[0]


def test_stages_of_an_agreement_with_no_stages_is_empty(answers):
    assert answers("stages-of-agreement", date="2025-05-16") == []


def test_exchanges_in_range_defaults_cover_everything_with_counts_and_totals(answers):
    rows = answers("exchanges-in-range")
    assert _pick(rows, "start", "released_by", "received_by", "count", "reported", "total") == [
        ("2024-08", "Russia", "United States", "16", "", "24"),
        ("2024-08", "United States", "Russia", "8", "", "24"),
        ("2025-06-09", "Russia", "Ukraine", "307", "", "614"),
        ("2025-06-09", "Ukraine", "Russia", "307", "", "614"),
        # Daily Two says 1000, Other News 1200: the highest counts, the spread is shown.
        ("2025-06-10", "Russia", "Ukraine", "1200", "1000–1200", "2200"),
        ("2025-06-10", "Ukraine", "Russia", "1000", "", "2200"),
    ]


def test_exchanges_in_range_is_inclusive_and_matches_a_month_only_start(answers):
    rows = answers("exchanges-in-range", **{"from": "2024-08-20", "to": "2025-06-09"})
    assert sorted({row["exchange"] for row in rows}) == [E_AUG, E_0609]


def test_exchanges_in_range_with_an_empty_range(answers):
    assert answers("exchanges-in-range", **{"from": "2025-06-12", "to": "2025-12-31"}) == []


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2025-06-09", [("seriously wounded or ill", E_0609)]),  # exchange, transfer, stage
        ("2025-06-10", [("civilians", E_0610)]),  # only on one transfer
        ("2024-08-15", []),
    ],
)
def test_categories_of_exchange(answers, date, expected):
    assert _pick(answers("categories-of-exchange", date=date), "label", "exchange") == expected


def test_statements_about_exchange_give_speaker_channel_date_and_quote(answers):
    rows = answers("statements-about-exchange", date="2025-06-10")
    assert _pick(rows, "said", "speaker", "channel", "stance") == [
        ("2025-06-10", "Russian Ministry of Defence", "Telegram", "Denial"),
        ("2025-06-11", "Volodymyr Zelensky", "X", "Claim"),
    ]
    assert rows[1]["quote"] == "1,200 of our people are back."
    assert rows[0]["quote"].startswith("Only one thousand servicemen were handed over")


@pytest.mark.parametrize("place", ["Turkey", "türkiye", "Türkiye", ID + "place/turkiye"])
def test_agreements_at_place_include_places_inside_it(answers, place):
    rows = answers("agreements-at-place", place=place)
    assert _pick(rows, "date", "round", "where") == [
        ("2025-05-16", "1", "Türkiye"),
        ("2025-06-02", "2", "Istanbul"),  # Istanbul pow:locatedIn Türkiye
    ]


def test_agreements_at_a_city_leave_out_the_rest_of_the_country(answers):
    rows = answers("agreements-at-place", place="Istanbul")
    assert _pick(rows, "agreement") == [(ID + "agreement/2025-06-02-russia-ukraine",)]


def test_sources_of_exchange_give_each_article_and_sentence(answers):
    rows = answers("sources-of-exchange", date="2025-06-10")
    assert _pick(rows, "source", "published", "start", "end", "article") == [
        ("Daily Two", "2025-06-10", "151", "230", ID + "article/2222"),
        ("Other News", "2025-06-11", "0", "90", ID + "article/3333"),
    ]
    assert rows[1]["sentence"] == (
        "Between June 10 and June 11, 1,200 Ukrainians came home and 1,000 Russians were returned."
    )
    assert set(rows[0]["supports"].split(", ")) == {"Exchange", "Transfer", "Stage"}
    assert set(rows[1]["supports"].split(", ")) == {"Exchange", "Transfer"}


def test_sources_of_a_month_only_exchange_match_any_day_of_the_month(answers):
    rows = answers("sources-of-exchange", date="2024-08-01")
    assert _pick(rows, "source", "start", "end") == [("Wire One", "301", "380")]


def test_disagreements_between_article_graphs(answers):
    rows = answers("disagreements")
    assert _pick(rows, "exchange", "fact", "value", "source", "other_value", "other_source") == [
        (E_0610, "count Russia → Ukraine", "1000", "Daily Two", "1200", "Other News"),
        (E_0610, "end date", "2025-06-10", "Daily Two", "2025-06-11", "Other News"),
    ]


def test_timeline_lists_every_exchange_in_date_order(answers):
    rows = answers("timeline")
    assert _pick(rows, "start", "end", "place", "mediators", "people", "sources") == [
        ("2024-08", "2024-08", "Ankara", "Türkiye", "24", "1"),
        ("2025-06-09", "2025-06-09", "Belarus", "United Arab Emirates", "614", "1"),
        ("2025-06-10", "2025-06-11", "Belarus", "United Arab Emirates", "2200", "2"),
    ]
    assert [set(row["sides"].split(", ")) for row in rows] == [
        {"Russia", "United States"},
        {"Russia", "Ukraine"},
        {"Russia", "Ukraine"},
    ]


def test_mediators_count_distinct_exchanges_and_agreements(answers):
    rows = answers("mediators")
    assert _pick(rows, "mediator", "exchanges", "agreements") == [
        ("United Arab Emirates", "2", "1"),
        ("Türkiye", "1", "1"),
    ]


def test_every_saved_query_is_tested_here():
    tested = {
        "stages-of-agreement",
        "exchanges-in-range",
        "categories-of-exchange",
        "statements-about-exchange",
        "agreements-at-place",
        "sources-of-exchange",
        "disagreements",
        "timeline",
        "mediators",
    }
    assert set(queries.load_all()) == tested


@pytest.mark.parametrize("saved", list(queries.load_all().values()), ids=lambda q: q.name)
def test_saved_query_header_matches_its_sparql(saved):
    """Names are kebab-case file names; each parameter is projected, so it can be bound."""
    from rdflib.plugins.sparql import prepareQuery

    assert saved.path.stem == saved.name
    assert saved.summary
    parsed = prepareQuery(saved.sparql)  # also proves each file declares its own PREFIXes
    projected = {str(v) for v in parsed.algebra["PV"]}
    assert {p.name for p in saved.params} <= projected
