// Article view: the document's text with its actors, quotes (content, cue, speaker) and events
// highlighted, and lists of its quotes and events, each event with what drove its coding
// ("driven by: attack 0.82 · troops 0.41"). A click on a highlight opens the record panel with
// every record covering those words (a list's "details" button does it from the keyboard).
// `event=E7` or `quote=Q3` in the hash scrolls to that record and marks it.
//
// Highlights overlap (an actor inside a quote inside an event's evidence, or two events sharing
// words), so the text is cut at every highlight boundary and each piece is wrapped in one span
// per highlight covering it, outermost first. All text goes in as text nodes.

import { documentPath, getJson } from "../api.js";
import { el, externalLink, formatNumber, message } from "../dom.js";
import { actorSection, eventRecord, eventSection, openPanel, quoteSection } from "../record.js";

const KINDS = ["event", "quote", "speaker", "cue", "actor"]; // nesting order, outermost first
const KIND_NAMES = {
  event: "events",
  quote: "quotes",
  speaker: "speakers",
  cue: "cues",
  actor: "actors",
};

export async function renderArticle(section, params, current) {
  const id = params.get("id");
  if (!id) {
    section.append(
      message("No document chosen: open one from the event table or the quote browser."),
    );
    return;
  }
  const view = await getJson(documentPath(id));
  if (!current()) return;
  document.title = `${view.title ?? view.id} – detente`;
  const text = el("div", { class: "doc-text", id: "doc-text", lang: view.language ?? null });
  text.append(highlightedText(view.text, view.highlights));
  text.addEventListener("click", (click) => {
    const spans = [];
    let span = click.target.closest("span.hl");
    while (span) {
      spans.push(span);
      span = span.parentElement.closest("span.hl");
    }
    if (spans.length) openRecords(view, spans.reverse());
  });
  section.append(
    el("h1", { class: "doc-title" }, view.title ?? "(untitled)"),
    meta(view),
    legend(text),
    el(
      "div",
      { class: "article-layout" },
      text,
      el("aside", { class: "records" }, quoteList(view, text), eventList(view, text)),
    ),
  );
  const focus = params.has("event")
    ? ["event", params.get("event")]
    : params.has("quote")
      ? ["quote", params.get("quote")]
      : null;
  if (focus !== null) focusRecord(text, ...focus);
}

function meta(view) {
  const source = view.source ?? {};
  const parts = [
    view.published ? `published ${view.published}` : "no publication date",
    view.publisher,
    view.authors?.length ? `by ${view.authors.join(", ")}` : null,
    source.url ? externalLink(source.url) : source.path,
    `id ${view.id}`,
  ].filter(Boolean);
  return el(
    "p",
    { class: "meta muted" },
    parts.flatMap((part, index) => (index ? [" · ", part] : [part])),
  );
}

function legend(text) {
  return el(
    "div",
    { class: "legend" },
    KINDS.map((kind) => {
      const box = el("input", {
        type: "checkbox",
        checked: true,
        "aria-label": `show ${KIND_NAMES[kind]}`,
      });
      box.addEventListener("change", () => text.classList.toggle(`hide-${kind}`, !box.checked));
      return el("label", { class: `legend-item hl hl-${kind}` }, box, ` ${KIND_NAMES[kind]}`);
    }),
  );
}

/** The text cut at every highlight boundary, each piece wrapped in the highlights covering it. */
function highlightedText(text, highlights) {
  const valid = highlights.filter(
    (h) =>
      KINDS.includes(h.kind) &&
      Number.isInteger(h.start) &&
      Number.isInteger(h.end) &&
      h.start >= 0 &&
      h.start < h.end &&
      h.end <= text.length,
  );
  const starting = groupBy(valid, (h) => h.start);
  const ending = groupBy(valid, (h) => h.end);
  const cuts = [...new Set([0, text.length, ...starting.keys(), ...ending.keys()])].sort(
    (a, b) => a - b,
  );
  const active = new Set(); // the highlights covering the piece from cuts[index]
  const fragment = document.createDocumentFragment();
  for (let index = 0; index + 1 < cuts.length; index += 1) {
    const [start, end] = [cuts[index], cuts[index + 1]];
    for (const h of ending.get(start) ?? []) active.delete(h);
    for (const h of starting.get(start) ?? []) active.add(h);
    const covering = [...active].sort(
      (a, b) =>
        b.end - b.start - (a.end - a.start) || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind),
    );
    // built from the inside out
    let node = document.createTextNode(text.slice(start, end));
    for (let depth = covering.length - 1; depth >= 0; depth -= 1) {
      const highlight = covering[depth];
      const span = el("span", {
        class: `hl hl-${highlight.kind}`,
        dataset: { kind: highlight.kind, record: highlight.record_id, rule: highlight.rule },
      });
      span.append(node);
      node = span;
    }
    fragment.append(node);
  }
  return fragment;
}

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const value = key(item);
    if (!groups.has(value)) groups.set(value, []);
    groups.get(value).push(item);
  }
  return groups;
}

/** The panel on the records of `spans` (a clicked highlight and those around it, outermost
 * first), each record once: a quote's content, cue and speaker are one quote. */
function openRecords(view, spans) {
  const seen = new Set();
  const sections = [];
  for (const span of spans) {
    const { kind, record, rule } = span.dataset;
    const family = ["quote", "speaker", "cue"].includes(kind) ? "quote" : kind;
    if (seen.has(`${family} ${record}`)) continue;
    seen.add(`${family} ${record}`);
    const byId = (list) => (list ?? []).find((item) => item.id === record);
    if (family === "event" && byId(view.events)) {
      sections.push(eventSection(eventRecord(byId(view.events), view.id)));
    } else if (family === "quote" && byId(view.quotes)) {
      sections.push(quoteSection(byId(view.quotes), view.actors ?? []));
    } else if (family === "actor" && byId(view.actors)) {
      sections.push(actorSection(byId(view.actors), rule));
    }
  }
  if (sections.length) openPanel(view.title ?? view.id, sections);
}

function focusRecord(text, kind, recordId) {
  for (const marked of text.querySelectorAll(".hl-focus")) marked.classList.remove("hl-focus");
  const spans = [...text.querySelectorAll("span.hl")].filter(
    (span) => span.dataset.kind === kind && span.dataset.record === recordId,
  );
  for (const span of spans) span.classList.add("hl-focus");
  spans[0]?.scrollIntoView({ block: "center" });
}

function recordItem(text, kind, id, children) {
  const item = el("li", { class: "record", tabindex: 0, dataset: { kind, record: id } }, children);
  const show = () => focusRecord(text, kind, id);
  item.addEventListener("click", show);
  item.addEventListener("keydown", (event) => {
    if (event.key === "Enter") show();
  });
  return item;
}

function quoteList(view, text) {
  const quotes = view.quotes ?? [];
  return el(
    "section",
    { class: "quote-list" },
    el("h2", {}, `Quotes (${quotes.length})`),
    el(
      "ol",
      {},
      quotes.map((quote) =>
        recordItem(text, "quote", quote.id, [
          el("span", { class: "record-id" }, quote.id),
          " ",
          el("strong", {}, quote.speaker?.name ?? "unknown speaker"),
          el("span", { class: "muted" }, ` (${quote.type}, ${quote.speaker?.resolution ?? "?"})`),
          el("blockquote", {}, quote.content.text),
          detailsButton(() =>
            openPanel(view.title ?? view.id, [quoteSection(quote, view.actors ?? [])]),
          ),
        ]),
      ),
    ),
  );
}

/** "attack 0.82 · troops 0.41": the features that drove an event's coding, with their weights,
 * in the order stored; "" when none were recorded (events stored before drivers were). */
function driversText(event) {
  const drivers = Array.isArray(event.drivers) ? event.drivers : [];
  return drivers
    .filter((driver) => typeof driver?.feature === "string")
    .map((driver) => `${driver.feature} ${formatNumber(driver.weight, 2)}`)
    .join(" · ");
}

function eventList(view, text) {
  const events = view.events ?? [];
  return el(
    "section",
    { class: "event-list" },
    el("h2", {}, `Events (${events.length})`),
    el(
      "ol",
      {},
      events.map((event) => {
        const driven = driversText(event);
        return recordItem(text, "event", event.id, [
          el("span", { class: "record-id" }, event.id),
          " ",
          el("span", { class: "code" }, event.source?.code ?? "?"),
          " → ",
          el("span", { class: "code" }, event.target?.code ?? "?"),
          ` ${event.plover?.type ?? "statement"} · CAMEO ${event.cameo}`,
          ` · ${formatNumber(event.goldstein)}`,
          driven ? el("p", { class: "drivers muted" }, `driven by: ${driven}`) : null,
          el("blockquote", {}, event.evidence.text),
          detailsButton(() =>
            openPanel(view.title ?? view.id, [eventSection(eventRecord(event, view.id))]),
          ),
        ]);
      }),
    ),
  );
}

function detailsButton(open) {
  const button = el("button", { type: "button", class: "details" }, "details");
  button.addEventListener("click", (click) => {
    click.stopPropagation(); // the item's own click marks the text; this one opens the panel
    open();
  });
  return button;
}
