"""kg.workbench.openapi: the saved queries described as OpenAPI 3.1, checked by a validator."""

from __future__ import annotations

from openapi_spec_validator import validate

from kg.queries import load_all
from kg.workbench.openapi import describe


def test_openapi_document_validates_and_lists_every_saved_query():
    queries = load_all()
    document = describe(queries, "0.2.0")
    validate(document)
    assert sorted(document["paths"]) == sorted(f"/api/{name}" for name in queries)
    assert len(queries) >= 9


def test_openapi_parameters_carry_type_default_and_whether_required():
    document = describe(load_all(), "0.2.0")
    in_range = document["paths"]["/api/exchanges-in-range"]["get"]["parameters"]
    first = in_range[0]
    assert first["name"] == "from" and first["required"] is False
    assert first["schema"] == {"type": "string", "format": "date", "default": "1900-01-01"}
    assert first["x-powkg-type"] == "xsd:date"
    assert in_range[-1] == {"$ref": "#/components/parameters/format"}
    place = document["paths"]["/api/agreements-at-place"]["get"]["parameters"][0]
    assert (place["required"], place["x-powkg-type"]) == (True, "place")
    assert "Location's label or IRI" in place["description"]


def test_openapi_operation_carries_the_query_text_for_the_editor():
    queries = load_all()
    operation = describe(queries, "0.2.0")["paths"]["/api/timeline"]["get"]
    assert operation["x-powkg-sparql"] == queries["timeline"].sparql
    assert operation["summary"] == queries["timeline"].summary
    assert set(operation["responses"]["200"]["content"]) == {
        "application/sparql-results+json",
        "text/csv",
        "text/tab-separated-values",
    }
