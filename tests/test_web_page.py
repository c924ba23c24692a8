"""kg.web.page: the main text without furniture, metadata from markup, reasons for non-articles."""

from __future__ import annotations

import pytest
from webpages import SITES, all_pages, render

from kg.web.page import MIN_WORDS, NotAnArticle, check_text, clean_text, extract_page

PAGES = all_pages()
ENGLISH = " ".join(
    render("agency", "uae-swap").paragraphs + render("agency", "wounded-stage").paragraphs
)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.template}-{p.body}")
def test_page_text_is_the_body_and_nothing_else(page):
    """Every extracted line is a body paragraph, and every paragraph is there, in order."""
    assert extract_page(page.html, page.url).text.splitlines() == list(page.paragraphs)


@pytest.mark.parametrize("template", sorted(SITES))
def test_page_metadata_comes_from_the_markup(template):
    page = render(template, "caucasus-release")
    found = extract_page(page.html, "https://elsewhere.example/fetched")
    assert (found.title, found.published, found.publisher, found.url) == (
        page.title,
        "2025-01-08",
        page.site,
        page.url,  # the canonical URL, not where it was fetched from
    )


def test_page_has_at_least_twenty_templated_pages():
    assert len(PAGES) >= 20 and len({p.template for p in PAGES}) == 5


def test_page_date_is_not_guessed_from_the_prose():
    """A dateline is the extractor's business: without date markup, no date."""
    body = "".join(f"<p>{p}</p>" for p in render("agency", "uae-swap").paragraphs)
    html = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    assert extract_page(html).published is None


def test_page_clean_text_drops_the_headline_and_repeated_lines():
    text = "Swap done\nFirst line of the body.\n“First line of the body”\nLast.\nLast.\n"
    assert clean_text(text, "Swap done") == "First line of the body.\nLast.\n"


def test_page_link_paragraph_is_pruned_but_a_paragraph_with_a_link_stays():
    body = "".join(f"<p>{p}</p>" for p in render("agency", "uae-swap").paragraphs)
    extra = (
        "<p><b>Read more:</b> <a href='/x'>Inside the talks that led to the swap</a></p>"
        "<p>The ministry published <a href='/list'>a list</a> of the names of those freed "
        "and said more would follow soon.</p>"
    )
    html = f"<html><body><article>{body}{extra}</article></body></html>"
    lines = extract_page(html).text.splitlines()
    assert "Read more: Inside the talks that led to the swap" not in lines
    assert lines[-1].startswith("The ministry published a list of the names")


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<html><body><nav><a href='/'>Home</a></nav></body></html>", "only 1 word of text"),
        ("<html><body><div></div></body></html>", "no main text found"),
        ("", "not an HTML page"),
        (
            "<html><body><article><h1>403 Forbidden</h1><p>Access denied.</p></article>"
            "</body></html>",
            "only 2 words of text",
        ),
    ],
)
def test_page_that_is_no_article_says_why(html, reason):
    with pytest.raises(NotAnArticle, match=reason):
        extract_page(html)


def test_page_short_text_is_refused_and_long_enough_passes():
    with pytest.raises(NotAnArticle, match=f"only {MIN_WORDS - 1} words"):
        check_text(" ".join(ENGLISH.split()[: MIN_WORDS - 1]))
    check_text(" ".join(ENGLISH.split()[:MIN_WORDS]))


def test_page_paywall_marker_refuses_a_stub_but_not_a_full_text():
    with pytest.raises(NotAnArticle, match="paywalled"):
        check_text(" ".join(ENGLISH.split()[:100]), paywalled=True)
    check_text(ENGLISH, paywalled=True)  # the whole article is there after all


@pytest.mark.parametrize(
    ("flag", "paywalled"), [("false", True), ('"False"', True), ("true", False), ('"True"', False)]
)
def test_page_paywall_is_read_from_json_ld(flag, paywalled):
    teaser = " ".join(ENGLISH.split()[:80])
    html = (
        '<html><head><script type="application/ld+json">'
        f'{{"@graph": [{{"@type": "NewsArticle", "isAccessibleForFree": {flag}}}]}}</script>'
        f"</head><body><article><p>{teaser}</p></article></body></html>"
    )
    if paywalled:
        with pytest.raises(NotAnArticle, match="paywalled"):
            extract_page(html)
    else:
        assert extract_page(html).text.startswith("KYIV, March 19")


def test_page_not_in_english_is_refused():
    french = (
        "L'Ukraine et la Russie ont échangé mercredi 175 prisonniers de guerre chacune, "
        "dans le cadre d'un accord négocié par les Émirats arabes unis, ont annoncé les deux "
        "gouvernements. Les soldats ukrainiens ont franchi la frontière depuis le Bélarus "
        "dans l'après-midi et ont été conduits dans un hôpital du nord du pays pour des examens."
    )
    with pytest.raises(NotAnArticle, match="not English \\(the text reads as 'fr'\\)"):
        check_text(french)
