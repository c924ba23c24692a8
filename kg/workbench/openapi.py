"""An OpenAPI 3.1 description of the saved queries as web endpoints, from their ``#+`` headers.

Every ``queries/*.rq`` is ``GET /api/NAME``; its typed ``#+ param`` lines become query
parameters with JSON Schema types, defaults and descriptions. Two extensions carry
what the workbench needs to build a form: ``x-powkg-type`` (the parameter's declared
type, e.g. ``place``) and ``x-powkg-sparql`` (the query text, for the SPARQL editor).
"""

from __future__ import annotations

from typing import Any

from kg.queries import LABEL_TYPES, Param, SavedQuery

RESULTS = {
    "application/sparql-results+json": "json",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
"""Media types of the results, and the ``?format=`` names that ask for them."""
SCHEMAS: dict[str, dict[str, str]] = {
    "xsd:date": {"type": "string", "format": "date"},
    "xsd:integer": {"type": "integer"},
    "xsd:string": {"type": "string"},
    "iri": {"type": "string", "format": "iri"},
}


def describe(queries: dict[str, SavedQuery], version: str) -> dict[str, Any]:
    """The OpenAPI document for ``queries`` (by name), in name order."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "powkg saved queries",
            "version": version,
            "description": (
                "Each saved query of queries/ as an endpoint. Parameters are parsed and bound "
                "as typed RDF terms exactly as `kg query` binds them, never pasted into the "
                "query; a bad one is a 400 with the message `kg query` prints."
            ),
        },
        "paths": {f"/api/{name}": {"get": _operation(queries[name])} for name in sorted(queries)},
        "components": {
            "parameters": {"format": _format_parameter()},
            "schemas": {"SparqlResults": _results_schema()},
        },
    }


def _operation(query: SavedQuery) -> dict[str, Any]:
    results = {"$ref": "#/components/schemas/SparqlResults"}
    content = {
        kind: {"schema": results if name == "json" else {"type": "string"}}
        for kind, name in RESULTS.items()
    }
    text = {"text/plain": {"schema": {"type": "string"}}}
    return {
        "operationId": query.name,
        "summary": query.summary or query.name,
        "parameters": [
            *(_parameter(p) for p in query.params),
            {"$ref": "#/components/parameters/format"},
        ],
        "responses": {
            "200": {"description": "The results.", "content": content},
            "400": {"description": "A missing, unknown or malformed parameter.", "content": text},
            "503": {"description": "The query ran out of time or memory.", "content": text},
        },
        "x-powkg-sparql": query.sparql,
    }


def _parameter(param: Param) -> dict[str, Any]:
    schema = dict(SCHEMAS.get(param.type, {"type": "string"}))
    if param.default is not None:
        schema["default"] = int(param.default) if param.type == "xsd:integer" else param.default
    described = {
        "name": param.name,
        "in": "query",
        "required": param.default is None,
        "schema": schema,
        "x-powkg-type": param.type,
    }
    if param.type in LABEL_TYPES:
        described["description"] = f"{param.doc} (a {LABEL_TYPES[param.type]}'s label or IRI)"
    elif param.doc:
        described["description"] = param.doc
    return described


def _format_parameter() -> dict[str, Any]:
    return {
        "name": "format",
        "in": "query",
        "required": False,
        "description": "json, csv or tsv; overrides the Accept header (default json).",
        "schema": {"type": "string", "enum": sorted(set(RESULTS.values()))},
    }


def _results_schema() -> dict[str, Any]:
    """SPARQL 1.1 Query Results JSON, as far as a client needs to read it."""
    term = {
        "type": "object",
        "required": ["type", "value"],
        "properties": {
            "type": {"enum": ["uri", "literal", "bnode"]},
            "value": {"type": "string"},
            "datatype": {"type": "string"},
            "xml:lang": {"type": "string"},
        },
    }
    return {
        "type": "object",
        "required": ["head", "results"],
        "properties": {
            "head": {"type": "object", "properties": {"vars": {"type": "array"}}},
            "results": {
                "type": "object",
                "properties": {
                    "bindings": {
                        "type": "array",
                        "items": {"type": "object", "additionalProperties": term},
                    }
                },
            },
        },
    }
