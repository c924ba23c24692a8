// The saved queries as forms: one per queries/*.rq, built from /api/openapi.json.
"use strict";

const INPUT_TYPES = { "xsd:date": "date", "xsd:integer": "number" };
const LABELS = {
  place: "SELECT DISTINCT ?label WHERE { ?r a pow:Location ; rdfs:label ?l BIND(STR(?l) AS ?label) } ORDER BY ?label",
  party: "SELECT DISTINCT ?label WHERE { VALUES ?c { pow:Party pow:State pow:ArmedGroup pow:Organisation pow:Person } ?r a ?c ; rdfs:label ?l BIND(STR(?l) AS ?label) } ORDER BY ?label",
  category: "SELECT DISTINCT ?label WHERE { ?r a pow:PrisonerCategory ; skos:prefLabel|skos:altLabel ?l BIND(STR(?l) AS ?label) } ORDER BY ?label",
};
const labelLists = {};
let operations = {};

async function start() {
  const spec = await (await fetch("/api/openapi.json")).json();
  for (const [path, item] of Object.entries(spec.paths)) {
    operations[item.get.operationId] = { path, ...item.get };
  }
  const list = document.getElementById("queries");
  for (const op of Object.values(operations)) {
    list.append(el("li", {}, el("a", { href: "#" + op.operationId, "data-query": op.operationId },
      el("strong", {}, op.operationId), el("span", {}, op.summary))));
  }
  window.addEventListener("hashchange", () => show(location.hash.slice(1)));
  document.getElementById("query-form").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  show(location.hash.slice(1) || Object.keys(operations)[0]);
  document.body.dataset.readyMs = String(Math.round(performance.now()));  // for bench/workbench.py
}

function show(name) {
  const op = operations[decodeURIComponent(name)];
  if (!op) return;
  for (const a of document.querySelectorAll("#queries a")) {
    a.classList.toggle("active", a.dataset.query === op.operationId);
  }
  document.getElementById("query").hidden = false;
  document.getElementById("query").dataset.query = op.operationId;
  document.getElementById("query-name").textContent = op.operationId;
  document.getElementById("query-summary").textContent = op.summary;
  const fields = document.getElementById("fields");
  fields.replaceChildren(...parameters(op).map(field));
  if (!parameters(op).length) fields.append(el("p", { class: "muted" }, "No parameters."));
  const editor = new URLSearchParams({ query: op["x-powkg-sparql"], tabTitle: op.operationId });
  document.getElementById("open-editor").href = "/sparql#" + editor.toString();
  document.getElementById("results").replaceChildren();
  document.getElementById("status").textContent = "";
  document.getElementById("download").hidden = true;
}

function parameters(op) {
  return op.parameters.filter((p) => !p.$ref);
}

function field(param) {
  const kind = param["x-powkg-type"];
  const input = el("input", {
    name: param.name,
    type: INPUT_TYPES[kind] || "text",
    required: param.required,
    value: param.schema.default,
    list: LABELS[kind] ? "labels-" + kind : undefined,
    autocomplete: "off",
  });
  if (LABELS[kind]) {
    loadLabels(kind);
    input.placeholder = "a name, or an IRI";
  }
  return el("label", {}, param.name + (param.required ? " *" : ""), input,
    el("small", {}, param.description || ""));
}

async function loadLabels(kind) {
  if (labelLists[kind]) return;
  labelLists[kind] = el("datalist", { id: "labels-" + kind });
  document.body.append(labelLists[kind]);
  const rows = await sparql(LABELS[kind]);
  labelLists[kind].append(...rows.map((r) => el("option", { value: r.label.value })));
}

async function run() {
  const name = document.getElementById("query").dataset.query;
  const form = new FormData(document.getElementById("query-form"));
  const params = new URLSearchParams();
  for (const [key, value] of form.entries()) {
    if (value !== "") params.append(key, value);
  }
  const url = operations[name].path + (params.toString() ? "?" + params : "");
  const status = document.getElementById("status");
  status.className = "";
  status.textContent = "Running…";
  const started = performance.now();
  const response = await fetch(url, { headers: { Accept: "application/sparql-results+json" } });
  if (!response.ok) {
    status.className = "error";
    status.textContent = (await response.text()).trim();
    document.getElementById("results").replaceChildren();
    document.getElementById("download").hidden = true;
    return;
  }
  const results = await response.json();
  const rows = results.results.bindings;
  status.textContent = `${rows.length} row${rows.length === 1 ? "" : "s"} in ${Math.round(performance.now() - started)} ms`;
  const download = document.getElementById("download");
  download.href = url + (params.toString() ? "&" : "?") + "format=csv";
  download.download = name + ".csv";
  download.hidden = false;
  document.getElementById("results").replaceChildren(table(results.head.vars, rows));
}

function table(vars, rows) {
  const head = el("tr", {}, ...vars.map((v) => el("th", { "data-var": v, tabindex: "0" }, v)));
  const body = el("tbody");
  const fill = (sorted) => body.replaceChildren(...sorted.map((row) =>
    el("tr", {}, ...vars.map((v) => cell(row[v])))));
  fill(rows);
  let order = { column: null, direction: 1 };
  for (const th of head.children) {
    th.addEventListener("click", () => {
      const column = th.dataset.var;
      order = { column, direction: order.column === column ? -order.direction : 1 };
      for (const other of head.children) other.removeAttribute("aria-sort");
      th.setAttribute("aria-sort", order.direction > 0 ? "ascending" : "descending");
      fill([...rows].sort((a, b) => order.direction * compare(a[column], b[column])));
    });
  }
  return el("table", {}, el("thead", {}, head), body);
}

function compare(a, b) {
  if (!a || !b) return (a ? 1 : 0) - (b ? 1 : 0);
  if (NUMERIC.has(a.datatype) && NUMERIC.has(b.datatype)) return Number(a.value) - Number(b.value);
  return a.value.localeCompare(b.value, undefined, { numeric: true });
}

function cell(term) {
  if (!term) return el("td");
  if (term.type === "uri") {
    return el("td", {}, el("a", { href: evidenceHref(term.value), title: term.value }, compact(term.value)));
  }
  return el("td", { class: NUMERIC.has(term.datatype) ? "number" : undefined }, term.value);
}

start().catch((error) => {
  document.getElementById("queries").replaceChildren(el("li", { class: "error" }, String(error)));
});
