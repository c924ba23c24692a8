// The timeline: every exchange as a pair of bars (people handed over each way), agreements as
// markers joined to their stages, drawn as plain SVG from a few SPARQL queries to /query.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const HEIGHT = 460;
const MARGIN = { top: 56, right: 24, bottom: 34, left: 56 };
const QUERIES = {
  exchanges: `SELECT ?exchange (MIN(STR(?s)) AS ?start) (MAX(STR(?e)) AS ?end) (COUNT(DISTINCT ?s) AS ?starts)
    WHERE { ?exchange a pow:Exchange ; pow:startDate ?s . OPTIONAL { ?exchange pow:endDate ?e } }
    GROUP BY ?exchange`,
  transfers: `SELECT ?exchange ?transfer (MAX(?c) AS ?count) (MIN(?c) AS ?low)
      (COALESCE(MIN(STR(?fl)), MIN(STR(?from)), "?") AS ?fromLabel)
      (COALESCE(MIN(STR(?tl)), MIN(STR(?to)), "?") AS ?toLabel)
    WHERE { ?exchange a pow:Exchange ; pow:transfer ?transfer . ?transfer pow:count ?c .
      OPTIONAL { ?transfer pow:from ?from OPTIONAL { ?from rdfs:label ?fl } }
      OPTIONAL { ?transfer pow:to ?to OPTIONAL { ?to rdfs:label ?tl } } }
    GROUP BY ?exchange ?transfer`,
  roles: `SELECT ?exchange ?role (COALESCE(MIN(STR(?l)), STR(?who)) AS ?label)
    WHERE { ?exchange a pow:Exchange .
      { ?exchange pow:party ?who BIND("party" AS ?role) }
      UNION { ?exchange pow:mediator ?who BIND("mediator" AS ?role) }
      UNION { ?exchange pow:location ?who BIND("place" AS ?role) }
      OPTIONAL { ?who rdfs:label ?l } }
    GROUP BY ?exchange ?role ?who`,
  implementing: `SELECT ?exchange ?agreement WHERE { ?exchange a pow:Exchange ; pow:implements ?agreement }`,
  sources: `SELECT ?exchange (COUNT(DISTINCT ?story) AS ?sources)
      (GROUP_CONCAT(DISTINCT STR(?publisher); separator=", ") AS ?publishers)
    WHERE { GRAPH ?article { ?exchange a pow:Exchange }
      OPTIONAL { ?article dcterms:isVersionOf ?copied } BIND(COALESCE(?copied, ?article) AS ?story)
      OPTIONAL { ?article dcterms:publisher ?publisher } }
    GROUP BY ?exchange`,
  agreements: `SELECT ?agreement (MIN(STR(?d)) AS ?date) (MIN(?r) AS ?round)
      (GROUP_CONCAT(DISTINCT STR(?pl); separator=", ") AS ?place)
    WHERE { ?agreement a pow:Agreement . OPTIONAL { ?agreement pow:date ?d }
      OPTIONAL { ?agreement pow:round ?r } OPTIONAL { ?agreement pow:location/rdfs:label ?pl } }
    GROUP BY ?agreement`,
  stages: `SELECT DISTINCT ?stage ?agreement ?ordinal ?exchange
    WHERE { ?stage a pow:Stage ; pow:implements|pow:realizedBy/pow:implements ?agreement .
      OPTIONAL { ?stage pow:ordinal ?ordinal } OPTIONAL { ?stage pow:realizedBy ?exchange } }`,
};

const data = { exchanges: new Map(), agreements: new Map(), stages: [] };

async function start() {
  const names = Object.keys(QUERIES);
  const answers = await Promise.all(names.map((name) => sparqlTable(QUERIES[name])));
  const rows = Object.fromEntries(names.map((name, i) => [name, answers[i]]));
  collect(rows);
  fillFilters();
  document.getElementById("filters").addEventListener("input", draw);
  window.addEventListener("resize", draw);
  draw();
  document.body.dataset.readyMs = String(Math.round(performance.now()));  // for bench/workbench.py
}

function value(row, name) {
  return row[name] || "";
}

// Dates as UTC periods: a day is [day, next day); a month-only date (xsd:gYearMonth) the month.
function period(text) {
  const [y, m, d] = text.split("-").map(Number);
  if (!d) return { from: Date.UTC(y, m - 1, 1), to: Date.UTC(y, m, 1), month: true };
  const day = Date.UTC(y, m - 1, d);
  return { from: day, to: day + DAY, month: false };
}

function iso(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function collect(rows) {
  for (const row of rows.exchanges) {
    const start = period(value(row, "start"));
    const end = row.end ? period(value(row, "end")) : start;
    data.exchanges.set(value(row, "exchange"), {
      iri: value(row, "exchange"), start: value(row, "start"), end: value(row, "end") || value(row, "start"),
      from: start.from, to: Math.max(start.to, end.to), month: start.month,
      datesDisagree: Number(value(row, "starts")) > 1,
      transfers: [], party: [], mediator: [], place: [], implements: [], sources: 0, publishers: "",
    });
  }
  for (const row of rows.transfers) {
    const exchange = data.exchanges.get(value(row, "exchange"));
    if (!exchange) continue;
    exchange.transfers.push({
      iri: value(row, "transfer"), count: Number(value(row, "count")), low: Number(value(row, "low")),
      fromLabel: value(row, "fromLabel"), toLabel: value(row, "toLabel"),
    });
  }
  for (const row of rows.roles) {
    const exchange = data.exchanges.get(value(row, "exchange"));
    if (!exchange) continue;
    exchange[value(row, "role")].push({ label: value(row, "label") });
  }
  for (const row of rows.implementing) {
    const exchange = data.exchanges.get(value(row, "exchange"));
    if (exchange) exchange.implements.push(value(row, "agreement"));
  }
  for (const row of rows.sources) {
    const exchange = data.exchanges.get(value(row, "exchange"));
    if (!exchange) continue;
    exchange.sources = Number(value(row, "sources"));
    exchange.publishers = value(row, "publishers");
  }
  for (const row of rows.agreements) {
    data.agreements.set(value(row, "agreement"), {
      iri: value(row, "agreement"), date: value(row, "date"), round: value(row, "round"), place: value(row, "place"),
    });
  }
  data.stages = rows.stages.map((row) => ({
    iri: value(row, "stage"), agreement: value(row, "agreement"),
    ordinal: value(row, "ordinal"), exchange: value(row, "exchange"),
  }));
  for (const exchange of data.exchanges.values()) {
    exchange.party.sort((a, b) => a.label.localeCompare(b.label));
  }
}

function fillFilters() {
  for (const role of ["party", "mediator"]) {
    const labels = new Set();
    for (const exchange of data.exchanges.values()) exchange[role].forEach((who) => labels.add(who.label));
    const select = document.getElementById(role);
    select.append(...[...labels].sort().map((label) => el("option", { value: label }, label)));
  }
}

function filters() {
  const get = (id) => document.getElementById(id).value;
  const from = get("from") ? Date.parse(get("from") + "T00:00:00Z") : -Infinity;
  const to = get("to") ? Date.parse(get("to") + "T00:00:00Z") + DAY : Infinity;
  return { party: get("party"), mediator: get("mediator"), from, to };
}

function visible(f) {
  return [...data.exchanges.values()].filter((e) =>
    (!f.party || e.party.some((p) => p.label === f.party))
    && (!f.mediator || e.mediator.some((m) => m.label === f.mediator))
    && e.to > f.from && e.from < f.to);
}

function draw() {
  const f = filters();
  const shown = visible(f).sort((a, b) => a.from - b.from);
  const agreements = [...data.agreements.values()].filter((a) => a.date)
    .map((a) => ({ ...a, ...period(a.date) })).filter((a) => a.to > f.from && a.from < f.to);
  const chart = document.getElementById("chart");
  const width = Math.max(chart.clientWidth || 900, 640);
  const scale = scales(shown, agreements, f, width);
  const svg = svgEl("svg", { width, height: HEIGHT, role: "img", "aria-label": "Exchanges over time",
    "data-px-per-day": String(scale.pxPerDay) });
  svg.append(...ticks(scale), svgEl("line", { class: "axis", x1: MARGIN.left, x2: width - MARGIN.right, y1: scale.mid, y2: scale.mid }));
  const bars = new Map(shown.map((e) => [e.iri, exchangeMark(e, scale, f)]));
  const links = [...stageLinks(agreements, bars, scale), ...implementLinks(shown, agreements, bars, scale)];
  svg.append(...links, ...[...bars.values()].map((b) => b.group), ...agreements.map((a) => agreementMark(a, scale, agreements.length)));
  // One listener for all the marks: a big store has thousands of them.
  const hovered = (event) => event.target.closest && event.target.closest("g.exchange");
  svg.addEventListener("mouseover", (event) => {
    const mark = hovered(event);
    if (mark) showTip(data.exchanges.get(mark.dataset.iri), event);
  });
  svg.addEventListener("focusin", (event) => {
    const mark = hovered(event);
    if (mark) showTip(data.exchanges.get(mark.dataset.iri), event);
  });
  svg.addEventListener("mousemove", (event) => { if (hovered(event)) moveTip(event); });
  svg.addEventListener("mouseout", (event) => { if (hovered(event)) hideTip(); });
  svg.addEventListener("focusout", hideTip);
  chart.replaceChildren(svg);
  const people = shown.reduce((n, e) => n + e.transfers.reduce((m, t) => m + t.count, 0), 0);
  document.getElementById("summary").textContent =
    `${shown.length} exchange${shown.length === 1 ? "" : "s"}, ${people.toLocaleString("en")} people handed over, ` +
    `${agreements.length} agreement${agreements.length === 1 ? "" : "s"} with a date.`;
}

function scales(shown, agreements, f, width) {
  const times = [...shown.flatMap((e) => [e.from, e.to]), ...agreements.flatMap((a) => [a.from, a.to])];
  let lo = Number.isFinite(f.from) ? f.from : Math.min(...times);
  let hi = Number.isFinite(f.to) ? f.to : Math.max(...times);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) { lo = Date.now() - 365 * DAY; hi = Date.now(); }
  const pad = Math.max((hi - lo) * 0.03, 15 * DAY);
  if (!Number.isFinite(f.from)) lo -= pad;
  if (!Number.isFinite(f.to)) hi += pad;
  const plot = width - MARGIN.left - MARGIN.right;
  const x = (t) => MARGIN.left + ((t - lo) / (hi - lo)) * plot;
  const max = Math.max(1, ...shown.flatMap((e) => {
    const sides = directions(e, f);
    return [sum(sides.up), sum(sides.down)];
  }));
  const half = (HEIGHT - MARGIN.top - MARGIN.bottom) / 2 - 6;
  const mid = MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) / 2;
  return { x, lo, hi, mid, half, max, width, pxPerDay: (plot * DAY) / (hi - lo),
    h: (count) => Math.max(2, (count / max) * half) };
}

function ticks(scale) {
  const spanDays = (scale.hi - scale.lo) / DAY;
  const room = Math.max(2, Math.floor((scale.width - MARGIN.left - MARGIN.right) / 80));
  const months = [1, 2, 3, 6, 12, 24, 60, 120].find((m) => spanDays / (30.4 * m) <= room) || 240;
  const out = [];
  const first = new Date(scale.lo);
  let y = first.getUTCFullYear();
  let m = months >= 12 ? 0 : first.getUTCMonth() - (first.getUTCMonth() % months);
  for (;;) {
    const t = Date.UTC(y, m, 1);
    if (t > scale.hi) break;
    if (t >= scale.lo && (months < 12 || y % (months / 12) === 0)) {
      const x = scale.x(t);
      const label = months >= 12 ? String(y) : iso(t).slice(0, 7);
      out.push(svgEl("g", { class: "tick" },
        svgEl("line", { x1: x, x2: x, y1: MARGIN.top - 8, y2: HEIGHT - MARGIN.bottom }),
        svgText(label, { x, y: HEIGHT - MARGIN.bottom + 16, "text-anchor": "middle" })));
    }
    m += months;
    if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
  }
  return out;
}

// Which side's intake is drawn above the line: the party filtered on, else the first by name.
function upSide(exchange, f) {
  if (f.party && exchange.party.some((p) => p.label === f.party)) return f.party;
  return exchange.party.length ? exchange.party[0].label : null;
}

function directions(exchange, f) {
  const up = upSide(exchange, f);
  return {
    up: exchange.transfers.filter((t) => t.toLabel === up),
    down: exchange.transfers.filter((t) => t.toLabel !== up),
  };
}

function sum(transfers) {
  return transfers.reduce((n, t) => n + t.count, 0);
}

function exchangeMark(exchange, scale, f) {
  const x = scale.x(exchange.from);
  const width = Math.max(3, scale.x(exchange.to) - x);
  const group = svgEl("g", { class: "exchange", "data-iri": exchange.iri, "data-start": exchange.start,
    tabindex: "0", "aria-label": describe(exchange) });
  const sides = directions(exchange, f);
  const stacked = { up: 0, down: 0 };
  for (const transfer of exchange.transfers) {
    const side = sides.up.includes(transfer) ? "up" : "down";
    const h = scale.h(transfer.count);
    const y = side === "up" ? scale.mid - stacked[side] - h : scale.mid + stacked[side];
    stacked[side] += h;
    const rect = svgEl("rect", {
      class: `count ${side}${exchange.month ? " month" : ""}`, x, y, width, height: h,
      "data-transfer": transfer.iri, "data-count": String(transfer.count),
      "data-from": iso(exchange.from), "data-to": iso(exchange.to),
      "data-period": exchange.month ? "month" : "days",
    });
    const link = svgEl("a", { href: evidenceHref(transfer.iri), "aria-label": `${transfer.fromLabel} → ${transfer.toLabel}: ${transfer.count}` });
    link.append(rect);
    group.append(link);
  }
  if (!exchange.transfers.length) {
    const link = svgEl("a", { href: evidenceHref(exchange.iri) });
    link.append(svgEl("rect", { class: `count unknown${exchange.month ? " month" : ""}`, x, y: scale.mid - 3, width, height: 6,
      "data-from": iso(exchange.from), "data-to": iso(exchange.to), "data-period": exchange.month ? "month" : "days" }));
    group.append(link);
  }
  return { group, x: x + width / 2, top: scale.mid - stacked.up };
}

function agreementMark(agreement, scale, count) {
  const x = scale.x(agreement.from + DAY / 2);
  const y = MARGIN.top - 14;
  const link = svgEl("a", { href: evidenceHref(agreement.iri), class: "agreement-link",
    "aria-label": `agreement of ${agreement.date}` });
  link.append(svgEl("path", { class: "agreement", d: `M${x - 6},${y - 8} L${x + 6},${y - 8} L${x},${y + 2} Z`,
    "data-agreement": agreement.iri }));
  if (count <= 24) {
    link.append(svgText(`agreement ${agreement.date}${agreement.place ? ", " + agreement.place : ""}`,
      { class: "agreement-label", x: x + 8, y: y - 10 }));
  }
  const title = svgEl("title");
  title.textContent = `Agreement reached ${agreement.date}${agreement.round ? ", round " + agreement.round : ""}` +
    `${agreement.place ? " in " + agreement.place : ""}`;
  link.append(title);
  return link;
}

function stageLinks(agreements, bars, scale) {
  const dated = new Map(agreements.map((a) => [a.iri, a]));
  return data.stages.filter((s) => bars.has(s.exchange) && dated.has(s.agreement)).map((stage) => {
    const bar = bars.get(stage.exchange);
    const ax = scale.x(dated.get(stage.agreement).from + DAY / 2);
    const group = svgEl("g", { class: "stage", "data-stage": stage.iri, "data-agreement": stage.agreement,
      "data-exchange": stage.exchange });
    group.append(curve(ax, bar.x, bar.top, "stage-link"));
    if (stage.ordinal) group.append(svgText(`stage ${stage.ordinal}`, { class: "stage-label", x: bar.x + 4, y: bar.top - 6 }));
    return group;
  });
}

function implementLinks(shown, agreements, bars, scale) {
  const dated = new Map(agreements.map((a) => [a.iri, a]));
  const staged = new Set(data.stages.map((s) => `${s.exchange} ${s.agreement}`));
  return shown.flatMap((e) => e.implements
    .filter((a) => dated.has(a) && !staged.has(`${e.iri} ${a}`))
    .map((a) => curve(scale.x(dated.get(a).from + DAY / 2), bars.get(e.iri).x, bars.get(e.iri).top, "implements-link")));
}

function curve(fromX, toX, toY, kind) {
  const y = MARGIN.top - 12;
  return svgEl("path", { class: kind, d: `M${fromX},${y} C${fromX},${(y + toY) / 2} ${toX},${(y + toY) / 2} ${toX},${toY - 2}` });
}

function describe(exchange) {
  const counts = exchange.transfers.map((t) => `${t.fromLabel} → ${t.toLabel}: ${t.count}`).join("; ");
  return `Exchange ${when(exchange)}: ${counts || "no counts"}; ${exchange.sources} source(s)`;
}

function when(exchange) {
  if (exchange.month) return `${exchange.start} (month only)`;
  return exchange.end && exchange.end !== exchange.start ? `${exchange.start} to ${exchange.end}` : exchange.start;
}

function showTip(exchange, event) {
  const tip = document.getElementById("tip");
  const names = (list) => list.map((x) => x.label).join(", ");
  const counts = exchange.transfers.map((t) => el("li", {},
    `${t.fromLabel} → ${t.toLabel}: ${t.count.toLocaleString("en")}`,
    t.low !== t.count ? ` (sources say ${t.low}–${t.count})` : ""));
  tip.replaceChildren(
    el("h3", {}, `Exchange, ${when(exchange)}`),
    exchange.party.length ? el("div", {}, "Sides: " + names(exchange.party)) : null,
    exchange.mediator.length ? el("div", {}, "Mediated by " + names(exchange.mediator)) : null,
    exchange.place.length ? el("div", {}, "Place: " + names(exchange.place)) : null,
    counts.length ? el("ul", {}, ...counts) : el("div", {}, "No counts reported."),
    el("div", {}, `${exchange.sources} independent source${exchange.sources === 1 ? "" : "s"}` +
      (exchange.publishers ? `: ${exchange.publishers}` : "")),
    exchange.datesDisagree ? el("div", { class: "error" }, "Sources disagree on the start date.") : null,
  );
  tip.hidden = false;
  moveTip(event);
}

function moveTip(event) {
  const tip = document.getElementById("tip");
  const box = event.target.getBoundingClientRect ? event.target.getBoundingClientRect() : { left: 0, top: 0 };
  const x = event.clientX || box.left;
  const y = event.clientY || box.top;
  tip.style.left = Math.min(x + 14, window.innerWidth - tip.offsetWidth - 8) + "px";
  tip.style.top = Math.min(y + 14, window.innerHeight - tip.offsetHeight - 8) + "px";
}

function hideTip() {
  document.getElementById("tip").hidden = true;
}

function svgEl(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, val] of Object.entries(attributes)) node.setAttribute(name, val);
  node.append(...children);
  return node;
}

function svgText(text, attributes) {
  const node = svgEl("text", attributes);
  node.textContent = text;
  return node;
}

start().catch((error) => {
  const summary = document.getElementById("summary");
  summary.className = "error";
  summary.textContent = String(error);
});
