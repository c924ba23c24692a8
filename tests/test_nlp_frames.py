import spacy

from kg.nlp import pipeline  # noqa: F401 - registers the factories
from kg.nlp.extensions import register


def _frames(text, published="2025-06-10"):
    register()
    nlp = spacy.blank("en")
    for name in (
        "kg_sentences",
        "kg_entities",
        "kg_dates",
        "kg_categories",
        "kg_cues",
        "kg_frames",
    ):
        nlp.add_pipe(name)
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.frames


def test_frames_date_before_claim_dates_the_claim():
    frames = _frames("Tension rose on June 7, when officials claimed the exchange had failed.")
    speech = next(f for f in frames if f.kind == "speech")
    assert [m.text for _, m in speech.dates] == ["June 7"]


def test_frames_date_glued_to_talks_dates_the_talks():
    frames = _frames("The swap followed the June 2 negotiations.")
    talks = next(f for f in frames if f.kind == "agreement")
    assert [m.text for _, m in talks.dates] == ["June 2"]


def test_frames_plural_event_is_generic():
    assert _frames("Prisoner exchanges have continued.")[0].generic


def test_frames_modal_event_is_irrealis():
    assert _frames("The soldiers would be returned next month.")[0].irrealis


def test_frames_pledge_marks_commitment():
    frames = _frames("Kyiv pledged to hand over 40 bodies.")
    assert [f.commit for f in frames if f.kind == "event"] == [True]


def test_frames_since_marks_background():
    assert _frames("Kyiv has freed 900 soldiers since 2023 in all.")[0].background


def test_frames_in_return_for_is_no_event():
    frames = _frames("Ten sailors are to be freed in return for twenty fishermen.")
    assert [f.irrealis for f in frames if f.kind == "event"] == [True]


def test_frames_adjective_free_is_no_event():
    assert _frames("The sailors took a free ferry.") == []


def test_frames_walking_free_is_an_event():
    assert [f.kind for f in _frames("The sailors walked free on Friday.")] == ["event"]


def test_frames_passive_report_dates_what_it_reports():
    frames = _frames("The accord was announced by Norway on Tuesday after long talks.")
    agreement = next(f for f in frames if "AGREEMENT" in f.labels())
    assert [m.text for _, m in agreement.dates] == ["on Tuesday"]


def test_frames_places_come_with_an_inherited_date():
    frames = _frames(
        "On Friday, at an airfield near Doha, A walked one way and B the other. It was a swap."
    )
    event = next(f for f in frames if f.kind == "event")
    assert [e.text for e in event.entities] == ["Doha"]


def test_frames_background_word_in_a_later_clause_leaves_the_event_alone():
    frames = _frames("Each side freed 40 soldiers, so 80 people went home in total.")
    assert not next(f for f in frames if f.kind == "event").background


def test_frames_date_in_a_relative_clause_about_people_is_not_the_events():
    frames = _frames("Those freed were sailors who had been seized in March.")
    assert next(f for f in frames if f.kind == "event").dates == []


def test_frames_relative_clause_on_the_event_word_dates_the_event():
    frames = _frames("The swap, which took place on June 3, was brief.")
    assert [m.text for _, m in next(f for f in frames if f.kind == "event").dates] == ["June 3"]


def test_frames_category_goes_to_the_event_rather_than_the_deal():
    frames = _frames("They made a swap under the deal, covering soldiers under 25.")
    event = next(f for f in frames if f.kind == "event")
    assert [c.kb_id_.rsplit("#", 1)[-1] for c in event.categories] == ["Under25"]


def test_frames_came_back_is_an_event():
    frames = _frames("Most of those who came back were civilians.")
    assert [c.text for c in next(f for f in frames if f.kind == "event").categories] == [
        "civilians"
    ]


def test_frames_free_after_a_modal_is_an_event():
    frames = _frames("Under the deal, Israel will free 11 Lebanese civilians.")
    assert [a.text for f in frames for a in f.anchors if a.label_ == "EVENT"] == ["free"]


def test_frames_date_right_after_a_cue_is_that_cues():
    frames = _frames("Israel and Lebanon agreed on March 3 to swap detainees.")
    assert [(f.kind, len(f.dates)) for f in frames] == [("agreement", 1), ("event", 0)]


def test_frames_walking_out_a_free_woman_is_an_event():
    frames = _frames("On Thursday she walked out onto the tarmac a free woman.")
    assert [f.kind for f in frames] == ["event"]
