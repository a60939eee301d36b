// Event table: stored events matching the filters, newest first, a page at a time. A row opens
// the record panel (its codes, date, rule and drivers), which links to its article.

import { getJson } from "../api.js";
import { dataTable, downloads, el, formatNumber, internalLink, message, viewHash } from "../dom.js";
import { glossary } from "../glossary.js";
import { openEventPanel } from "../record.js";

const PAGE = 50;
const FILTERS = [
  "source",
  "target",
  "actor",
  "plover_type",
  "cameo",
  "quad_class",
  "since",
  "until",
];
const FLAGS = ["negated", "hypothetical", "future", "historical"];

export async function renderEvents(section, params, current) {
  const offset = Math.max(0, Number.parseInt(params.get("offset") ?? "0", 10) || 0);
  const filters = {};
  for (const name of [...FILTERS, "document_id"]) filters[name] = params.get(name);
  const query = { ...filters, limit: PAGE, offset, after: params.get("after") };
  section.append(el("h1", {}, "Events"), filterForm(params), downloads("events", filters, query));
  const page = await getJson("events", query);
  if (!current()) return;
  if (page.total === 0) {
    section.append(message("No events match these filters."));
    return;
  }
  section.append(pager(page, params), eventTable(page.items), pager(page, params));
}

function filterForm(params) {
  const field = (name, label, attributes = {}) =>
    el(
      "label",
      {},
      `${label} `,
      el("input", { name, value: params.get(name) ?? "", size: 10, ...attributes }),
    );
  const form = el(
    "form",
    { class: "filters", id: "event-filters" },
    field("source", "Source"),
    field("target", "Target"),
    field("actor", "Either side"),
    field("plover_type", "PLOVER", { pattern: "[A-Za-z_]+" }),
    field("cameo", "CAMEO", { pattern: "[0-9]{1,4}", size: 5 }),
    field("quad_class", "QuadClass", { type: "number", min: 1, max: 4 }),
    field("since", "Since", { type: "date" }),
    field("until", "Until", { type: "date" }),
    el("button", { type: "submit" }, "Filter"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {};
    for (const name of FILTERS) {
      const value = String(data.get(name) ?? "").trim();
      next[name] = ["source", "target", "actor", "plover_type"].includes(name)
        ? value.toUpperCase()
        : value;
    }
    window.location.hash = viewHash("events", next);
  });
  return form;
}

// Onwards by the page's cursor (`next`), which goes as deep as the listing does; offsets stop
// at the server's cap. Back by offset.
function pager(page, params) {
  const last = page.offset + page.items.length;
  const moved = (position) => ({ ...Object.fromEntries(params.entries()), ...position });
  const back = { offset: page.offset - PAGE > 0 ? page.offset - PAGE : null, after: null };
  return el(
    "div",
    { class: "pager" },
    page.offset > 0 ? internalLink("← previous", "events", moved(back)) : null,
    el("span", { class: "count" }, `${page.offset + 1}–${last} of ${page.total}`),
    page.next ? internalLink("next →", "events", moved({ offset: null, after: page.next })) : null,
  );
}

function eventTable(events) {
  const head = ["date", "source", "target", "PLOVER", "CAMEO", "Goldstein", "flags", "evidence"];
  const named = new Set(["PLOVER", "CAMEO", "Goldstein"]);
  return dataTable(
    head.map((name) => (named.has(name) ? [name, " ", glossary(name)] : name)),
    events.map(eventRow),
    { class: "data events", id: "event-table" },
  );
}

function eventRow(event) {
  const open = () => openEventPanel(event);
  const flags = FLAGS.filter((flag) => event[flag]).map((flag) =>
    el("span", { class: `flag flag-${flag}` }, flag),
  );
  const row = el(
    "tr",
    {
      class: "clickable",
      tabindex: 0,
      dataset: { document: event.document_id, event: event.event_id },
      on: {
        click: open,
        keydown: (key) => {
          if (key.key === "Enter") open();
        },
      },
    },
    el("td", { class: "date", title: `day from: ${event.day_basis ?? "?"}` }, event.day ?? "–"),
    actorCell(event.source_code, event.source_name, event.source_text),
    actorCell(event.target_code, event.target_name, event.target_text),
    el(
      "td",
      {},
      event.plover_type ?? "–",
      event.plover_mode ? el("span", { class: "muted" }, ` ${event.plover_mode}`) : null,
    ),
    el("td", { class: "code" }, event.cameo ?? "–"),
    el("td", { class: "num" }, formatNumber(event.goldstein)),
    el("td", { class: "flags" }, flags),
    el(
      "td",
      { class: "evidence" },
      el("span", { class: "evidence-text" }, event.evidence.text),
      el("br"),
      el("span", { class: "muted title" }, event.title ?? event.document_id),
    ),
  );
  return row;
}

function actorCell(code, name, text) {
  const tooltip = [name, text && text !== name ? `“${text}”` : null].filter(Boolean).join(" ");
  return el(
    "td",
    { class: "actor", title: tooltip || null },
    el("span", { class: "code" }, code ?? "–"),
    name ? el("br") : null,
    name ? el("span", { class: "muted" }, name) : null,
  );
}
