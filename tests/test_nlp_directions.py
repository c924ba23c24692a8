"""kg.nlp.directions: which way people went, from an event mention's roles."""

from kg.nlp.directions import flows, other
from kg.nlp.mentions import EventMention, People

UA, RU, AZ, AM, UAE = "ukraine", "russia", "azerbaijan", "armenia", "uae"
SIDES = {UA, RU, AZ, AM}
PAIR = (UA, RU)


def is_side(iri: str) -> bool:
    return iri in SIDES


def _ends(event: EventMention, pair=PAIR, returning=frozenset()) -> list[tuple]:
    return [(f.source, f.target) for f in flows(event, pair, is_side, returning)]


def test_other_of_pair():
    assert other(PAIR, RU) == UA


def test_other_of_outsider_is_none():
    assert other(PAIR, AZ) is None


def test_other_needs_two_sides():
    assert other((UA,), UA) is None


def test_flows_release_goes_to_the_people_own_side():
    # "Azerbaijan freed 32 Armenian soldiers"
    event = EventMention(1, "give", 0, agents=(AZ,), people=(People(3, count=32, side=AM),))
    assert _ends(event, pair=(AZ, AM)) == [(AZ, AM)]


def test_flows_release_keeps_its_people():
    people = People(3, count=32, side=AM)
    event = EventMention(1, "give", 0, agents=(AZ,), people=(people,))
    assert flows(event, (AZ, AM), is_side)[0].people is people


def test_flows_recipient_named_wins():
    # "Russia handed 20 prisoners to Ukraine"
    event = EventMention(1, "give", 0, agents=(RU,), people=(People(3, 20),), recipients=(UA,))
    assert _ends(event) == [(RU, UA)]


def test_flows_open_end_is_the_other_main_side():
    # "Russia released 20 prisoners"
    event = EventMention(1, "give", 0, agents=(RU,), people=(People(3, 20),))
    assert _ends(event) == [(RU, UA)]


def test_flows_own_people_brought_back():
    # "Ukraine returned 95 of its defenders"
    event = EventMention(1, "give", 0, agents=(UA,), people=(People(4, 95, side=UA, own=True),))
    assert _ends(event) == [(RU, UA)]


def test_flows_own_people_come_from_their_captor():
    # "Ukraine returned 95 of its defenders held by Belarus"
    people = People(4, 95, side=UA, own=True, captor="belarus")
    event = EventMention(1, "give", 0, agents=(UA,), people=(people,))
    assert _ends(event) == [("belarus", UA)]


def test_flows_returning_verb_brings_own_nationals_home():
    # "Ukraine returned 95 Ukrainian soldiers"
    event = EventMention(
        1, "give", 0, lemma="return", agents=(UA,), people=(People(3, 95, side=UA),)
    )
    assert _ends(event, returning=frozenset({"return"})) == [(RU, UA)]


def test_flows_get_frame_goes_to_the_agent():
    # "Ukraine brought home 95 defenders"
    event = EventMention(1, "get", 0, agents=(UA,), people=(People(4, 95),))
    assert _ends(event) == [(RU, UA)]


def test_flows_get_frame_source_named():
    # "Ukraine received 95 soldiers from Russia"
    event = EventMention(1, "get", 0, agents=(UA,), people=(People(3, 95),), sources=(RU,))
    assert _ends(event) == [(RU, UA)]


def test_flows_arrive_frame_goes_to_the_people_side():
    # "95 Ukrainian soldiers came home"
    event = EventMention(4, "arrive", 0, people=(People(2, 95, side=UA),))
    assert _ends(event) == [(RU, UA)]


def test_flows_each_goes_both_ways():
    # "the two sides exchanged 84 each"
    event = EventMention(3, "swap", 0, joint=True, people=(People(4, 84, each=True),))
    assert _ends(event) == [(UA, RU), (RU, UA)]


def test_flows_swap_with_partner_each():
    # "Russia swapped 84 each with Ukraine"
    event = EventMention(
        1, "swap", 0, agents=(RU,), partners=(UA,), people=(People(2, 84, each=True),)
    )
    assert _ends(event) == [(RU, UA), (UA, RU)]


def test_flows_swap_people_of_one_side_go_home():
    # "Russia and Ukraine swapped 84 Ukrainian soldiers"
    event = EventMention(3, "swap", 0, agents=(RU, UA), people=(People(5, 84, side=UA),))
    assert _ends(event) == [(RU, UA)]


def test_flows_joint_total_of_swap_has_no_direction():
    # "Russia and Ukraine traded 300 prisoners"
    event = EventMention(3, "swap", 0, agents=(RU, UA), people=(People(5, 300),))
    assert _ends(event) == []


def test_flows_counter_goes_back_to_the_agent():
    # "Ukraine released 20 Russian soldiers in exchange for 20 Ukrainian civilians"
    event = EventMention(
        1,
        "give",
        0,
        agents=(UA,),
        people=(People(3, 20, side=RU),),
        counter=(People(8, 20, side=UA),),
    )
    assert _ends(event) == [(UA, RU), (RU, UA)]


def test_flows_running_total_gives_no_flow():
    # "Russia has released 4,000 since 2022"
    event = EventMention(2, "give", 0, agents=(RU,), people=(People(3, 4000, total=True),))
    assert _ends(event) == []


def test_flows_non_side_agent_is_no_end():
    # "the UAE returned 20 Ukrainians": the mediator hands over nobody
    event = EventMention(2, "give", 0, agents=(UAE,), people=(People(4, 20, side=UA),))
    assert _ends(event) == [(RU, UA)]


def test_flows_no_flow_from_a_side_to_itself():
    # "Ukraine received 20 soldiers from Ukraine" (a misparse)
    event = EventMention(1, "get", 0, agents=(UA,), sources=(UA,), people=(People(3, 20),))
    assert _ends(event) == []
