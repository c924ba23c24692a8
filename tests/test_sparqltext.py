"""kg.sparqltext: SERVICE and LOAD are found wherever SPARQL has them, and nowhere else."""

from __future__ import annotations

import pytest

from kg.sparqltext import Call, refused_calls, remote_calls

ALLOWED = frozenset({"query.wikidata.org", "127.0.0.1:8890"})


@pytest.mark.parametrize(
    "text",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://evil.example/> { ?a ?b ?c }" }',
        "SELECT * WHERE { ?s ?p '''\nSERVICE <http://evil.example/>\n''' }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://evil.example/> { }",
        "SELECT * WHERE { ?service <http://e/SERVICE> ?o . ?o ?p $service }",
        'SELECT * WHERE { ?s ex:SERVICE "x"@service }',
        "SELECT * WHERE { ?s ?p _:SERVICE . ?s ?p ?LOAD }",
    ],
)
def test_sparqltext_words_that_only_look_like_service_are_no_calls(text):
    assert remote_calls(text) == []


def test_sparqltext_service_endpoints_resolve_prefixes_and_base():
    text = (
        "BASE <http://127.0.0.1:8890/>\nPREFIX wd: <https://query.wikidata.org/>\n"
        "SELECT * WHERE { service silent wd:sparql { ?a ?b ?c } "
        "SERVICE<sparql>{ ?d ?e ?f } SERVICE ?where { ?g ?h ?i } }"
    )
    assert remote_calls(text) == [
        Call("SERVICE", "https://query.wikidata.org/sparql", "wd:sparql"),
        Call("SERVICE", "http://127.0.0.1:8890/sparql", "<sparql>"),
        Call("SERVICE", None, "?where"),
    ]


def test_sparqltext_given_prefixes_resolve_too():
    calls = remote_calls("SELECT * { SERVICE x:s { ?a ?b ?c } }", {"x": "http://x.example/"})
    assert calls == [Call("SERVICE", "http://x.example/s", "x:s")]


def test_sparqltext_load_is_a_call():
    assert remote_calls("LOAD SILENT <http://a.example/d.ttl> INTO GRAPH <urn:g>") == [
        Call("LOAD", "http://a.example/d.ttl", "<http://a.example/d.ttl>")
    ]


@pytest.mark.parametrize(
    ("iri", "reason"),
    [
        ("https://query.wikidata.org/sparql", None),
        ("http://127.0.0.1:8890/sparql", None),
        ("http://127.0.0.1:8891/sparql", "would call 127.0.0.1; allow it with --allow-service"),
        ("http://169.254.169.254/latest", "would call 169.254.169.254; allow it with"),
        ("file:///etc/passwd", "only http(s) endpoints can be allowed"),
        (None, "the endpoint must be a fixed http(s) IRI"),
    ],
)
def test_sparqltext_only_allowed_hosts_pass(iri, reason):
    refused = refused_calls([Call("SERVICE", iri, "<x>")], ALLOWED)
    assert refused == ([] if reason is None else [refused[0]])
    if reason is not None:
        assert reason in refused[0]
