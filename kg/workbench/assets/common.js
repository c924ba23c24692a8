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

// A SELECT's rows as plain strings ("" when unbound), fetched as SPARQL CSV: a third of the
// bytes of JSON results, which matters for the timeline of a big store.
async function sparqlTable(query) {
  const response = await fetch("/query", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", Accept: "text/csv" },
    body: SPARQL_PREFIXES + "\n" + query,
  });
  if (!response.ok) throw new Error((await response.text()).trim() || response.statusText);
  const [head, ...rows] = parseCsv(await response.text());
  return rows.map((row) => Object.fromEntries(head.map((name, i) => [name, row[i] || ""])));
}

// RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.
function parseCsv(text) {
  const field = /"((?:[^"]|"")*)"|([^,\r\n]*)/y;
  const rows = [];
  let row = [];
  let at = 0;
  while (at < text.length) {
    field.lastIndex = at;
    const match = field.exec(text);
    row.push(match[1] !== undefined ? match[1].replaceAll('""', '"') : match[2]);
    at = field.lastIndex;
    if (text[at] === ",") {
      at += 1;
      continue;
    }
    rows.push(row);
    row = [];
    at += text[at] === "\r" ? 2 : 1;
  }
  return rows;
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
