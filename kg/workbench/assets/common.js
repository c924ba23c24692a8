// Shared by the workbench pages: SPARQL to this server's endpoint, short IRIs, evidence links.
"use strict";

const PREFIXES = {
  powid: "https://w3id.org/powkg/id/",
  pow: "https://w3id.org/powkg/ontology#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  dcterms: "http://purl.org/dc/terms/",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};
const SPARQL_PREFIXES = Object.entries(PREFIXES)
  .map(([p, ns]) => `PREFIX ${p}: <${ns}>`)
  .join("\n");
const NUMERIC = new Set(["integer", "decimal", "double", "float", "long", "int"].map(
  (t) => PREFIXES.xsd + t));

// A SELECT's rows from /query (read-only; no user text is ever put into these queries).
async function sparql(query) {
  const response = await fetch("/query", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" },
    body: SPARQL_PREFIXES + "\n" + query,
  });
  if (!response.ok) throw new Error((await response.text()).trim() || response.statusText);
  return (await response.json()).results.bindings;
}

function compact(iri) {
  for (const [prefix, ns] of Object.entries(PREFIXES)) {
    if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
  }
  return iri;
}

function evidenceHref(iri) {
  return "/evidence?iri=" + encodeURIComponent(iri);
}

// An element with attributes and children (strings become text, never HTML).
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}
