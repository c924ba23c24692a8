"""The workbench as an analyst sees it: ``kg serve`` over real stores, driven in headless Chromium.

Two servers: one over the bundled examples (ingested here with the real extractor),
for the timeline and the evidence pages; one over tests/data/queries/graph.trig, whose
agreement has stages, for the forms. Expected values come from the store itself, not
from extraction output copied here. Screenshots of each page go to build/screenshots/
(docs/workbench-timeline.png in the README is a copy of one).
"""

from __future__ import annotations

import json
import os
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, load_query_graph
from kgtesting import KG_BIN
from openapi_spec_validator import validate
from test_serve import Server
from webdriver import Browser, browser_paths

from kg.queries import load_all

pytestmark = pytest.mark.slow

SHOTS = ROOT / "build" / "screenshots"
POW = "https://w3id.org/powkg/ontology#"
OA = "http://www.w3.org/ns/oa#"


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("workbench") / "store"
    done = subprocess.run(
        [str(KG_BIN), "--store", str(store), "ingest", str(EXAMPLES)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return store


@pytest.fixture(scope="module")
def served(examples):
    running = Server(examples)
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="module")
def staged(tmp_path_factory):
    running = Server(load_query_graph(tmp_path_factory.mktemp("staged") / "store"))
    yield running
    assert running.stop() == 0


@pytest.fixture(scope="module")
def browser():
    paths = browser_paths()
    if paths is None:
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver must be installed in CI")
        pytest.skip(
            "chromium/chromedriver not installed (apt-get install chromium chromium-driver)"
        )
    SHOTS.mkdir(parents=True, exist_ok=True)
    with Browser(*paths) as opened:
        opened.resize(1400, 1000)
        yield opened


def _fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, response.headers.get_content_type(), response.read()


def _select(store: Path, sparql: str) -> list[dict[str, str]]:
    """Rows straight from the store, to check the pages against."""
    import pyoxigraph as ox

    rows = ox.Store.read_only(str(store)).query(sparql)
    names = [v.value for v in rows.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in rows]


def _no_console_errors(browser: Browser) -> None:
    """No script error and no Content-Security-Policy violation (nothing from elsewhere)."""
    severe = [e["message"] for e in browser.console() if e.get("level") == "SEVERE"]
    assert severe == []


def test_workbench_api_csv_is_kg_query_csv(served, examples):
    _, kind, body = _fetch(served.url + "/api/timeline?format=csv")
    printed = subprocess.run(
        [str(KG_BIN), "--store", str(examples), "query", "timeline", "--format", "csv"],
        capture_output=True,
        timeout=60,
    )
    assert kind == "text/csv" and printed.returncode == 0
    assert body == printed.stdout
    assert body.count(b"\r\n") > 2


def test_workbench_openapi_served_validates(served):
    _, kind, body = _fetch(served.url + "/api/openapi.json")
    document = json.loads(body)
    validate(document)
    assert kind == "application/json"
    assert sorted(document["paths"]) == sorted(f"/api/{name}" for name in load_all())


def test_workbench_lists_every_saved_query(served, browser):
    browser.open(served.url + "/")
    names = browser.wait_for(
        "const a = [...document.querySelectorAll('#queries a')]; "
        "return a.length && a.map(x => x.dataset.query)"
    )
    assert names == sorted(load_all())
    browser.screenshot(SHOTS / "workbench.png")
    _no_console_errors(browser)


def test_workbench_stages_form_with_a_date_shows_the_stages(staged, browser):
    browser.open(staged.url + "/#stages-of-agreement")
    browser.wait_for("return document.querySelector('#fields input[name=date]')")
    browser.run("document.querySelector('#fields input[name=date]').value = '2025-06-02'")
    browser.click("#query-form button[type=submit]")
    table = browser.wait_for(
        "const rows = [...document.querySelectorAll('#results tbody tr')]; "
        "return rows.length && rows.map(r => [...r.cells].map(c => c.innerText))"
    )
    head = browser.run(
        "return [...document.querySelectorAll('#results th')].map(t => t.dataset.var)"
    )
    assert head == ["stage", "started", "category", "exchange"]
    assert [row[0] for row in table] == ["1", "2"]
    assert [row[1] for row in table] == ["2025-06-09", "2025-06-10"]
    csv = browser.run("return document.querySelector('#download').getAttribute('href')")
    assert csv == "/api/stages-of-agreement?date=2025-06-02&format=csv"
    browser.screenshot(SHOTS / "stages-of-agreement.png")
    browser.click("#results th[data-var=stage]")
    browser.click("#results th[data-var=stage]")
    first = browser.run("return document.querySelector('#results tbody td').innerText")
    assert first == "2"  # sorted descending on the second click
    _no_console_errors(browser)


def test_workbench_bad_date_shows_the_cli_message(staged, browser):
    browser.open(staged.url + "/#stages-of-agreement")
    browser.wait_for("return document.querySelector('#fields input[name=date]')")
    browser.run(
        "const i = document.querySelector('#fields input[name=date]'); i.type = 'text'; "
        "i.value = 'June'"
    )
    browser.click("#query-form button[type=submit]")
    message = browser.wait_for(
        "const s = document.querySelector('#status'); return s.className === 'error' && s.innerText"
    )
    assert message == "--param date: 'June' is not a date (YYYY-MM-DD)"
    browser.console()  # the 400 is logged there, as it should be


def test_workbench_timeline_draws_one_mark_per_exchange(served, examples, browser):
    browser.open(served.url + "/timeline")
    marks = browser.wait_for(
        "const g = [...document.querySelectorAll('#chart g.exchange')]; "
        "return g.length && g.map(x => x.dataset.iri)"
    )
    exchanges = _select(examples, f"SELECT DISTINCT ?e WHERE {{ ?e a <{POW}Exchange> }}")
    assert sorted(marks) == sorted(row["e"] for row in exchanges)
    counted = browser.run(
        "return document.querySelectorAll('#chart rect.count[data-transfer]').length"
    )
    transfers = _select(
        examples,
        f"SELECT DISTINCT ?t WHERE {{ ?e a <{POW}Exchange> ; <{POW}transfer> ?t . "
        f"?t <{POW}count> ?n }}",
    )
    assert counted == len(transfers)
    browser.screenshot(SHOTS / "timeline.png")
    _no_console_errors(browser)


def test_workbench_timeline_draws_a_month_only_date_as_the_month(served, examples, browser):
    browser.open(served.url + "/timeline")
    browser.wait_for("return document.querySelector('#chart g.exchange')")
    bars = browser.run(
        "const svg = document.querySelector('#chart svg'); "
        "return [...svg.querySelectorAll('g.exchange')].map(g => { "
        "const r = g.querySelector('rect.count'); return {start: g.dataset.start, "
        "period: r.dataset.period, from: r.dataset.from, to: r.dataset.to, "
        "width: r.getBBox().width, perDay: Number(svg.dataset.pxPerDay)}; })"
    )
    months = [b for b in bars if len(b["start"]) == 7]
    assert months, "the examples have exchanges known only by their month"
    for bar in months:
        assert bar["period"] == "month" and bar["from"] == bar["start"] + "-01"
        days = (_day(bar["to"]) - _day(bar["from"])).days
        assert days in (28, 29, 30, 31)
        assert abs(bar["width"] - days * bar["perDay"]) < 1.0
    assert all(b["period"] == "days" for b in bars if len(b["start"]) == 10)


def _day(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_workbench_timeline_hover_shows_counts_and_sources(served, browser):
    browser.open(served.url + "/timeline")
    browser.wait_for("return document.querySelector('#chart g.exchange rect[data-transfer]')")
    tip = browser.run(
        "const g = document.querySelector('#chart g.exchange rect[data-transfer]').closest('g'); "
        "g.querySelector('rect').dispatchEvent(new MouseEvent('mouseover', "
        "{clientX: 200, clientY: 200, bubbles: true})); "
        "const t = document.querySelector('#tip'); return !t.hidden && t.innerText"
    )
    assert "→" in tip and "source" in tip


def test_workbench_clicking_a_count_opens_its_evidence_highlighted(served, examples, browser):
    browser.open(served.url + "/timeline")
    transfer = browser.wait_for(
        "const r = document.querySelector('#chart rect.count.up[data-transfer]'); "
        "return r && r.dataset.transfer"
    )
    browser.click("#chart rect.count.up[data-transfer]")
    marks = browser.wait_for(
        "const m = [...document.querySelectorAll('mark')]; "
        "return m.length && m.map(x => [x.innerText, x.dataset.start, x.dataset.end])"
    )
    assert urllib.parse.unquote(browser.url).endswith("/evidence?iri=" + transfer)
    expected = _select(
        examples,
        f"SELECT ?exact ?start ?end WHERE {{ <{transfer}> <{POW}evidence>/<{OA}hasTarget> ?t . "
        f"?t <{OA}hasSelector> ?q , ?p . ?q <{OA}exact> ?exact . "
        f"?p <{OA}start> ?start ; <{OA}end> ?end }}",
    )
    assert expected
    assert {tuple(m) for m in marks} <= {(r["exact"], r["start"], r["end"]) for r in expected}
    assert browser.run(
        "return getComputedStyle(document.querySelector('mark')).backgroundColor"
    ) != ("rgba(0, 0, 0, 0)")
    browser.screenshot(SHOTS / "evidence.png")
    _no_console_errors(browser)


def test_workbench_editor_has_every_saved_query_and_opens_the_linked_one(served, browser):
    browser.open(served.url + "/#timeline")
    link = browser.wait_for(
        "const a = document.querySelector('#open-editor'); "
        "return a && a.getAttribute('href').includes('query=') && a.getAttribute('href')"
    )
    browser.open(served.url + link)
    names = browser.wait_for(
        "const y = window.powkgEditor; "
        "return y && y.persistentConfig.getTabs().map(id => y.getTab(id).getName())"
    )
    assert set(load_all()) <= set(names)
    text = browser.run("return window.powkgEditor.getTab().getYasqe().getValue()")
    assert text == load_all()["timeline"].sparql
    browser.screenshot(SHOTS / "editor.png")
    _no_console_errors(browser)
