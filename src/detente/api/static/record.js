// The record panel: a click on an event (a table row, an article highlight) or a quote opens a
// modal <dialog> with the whole record, how it was coded and what drove it. Esc, the close
// button or a click on the backdrop closes it. One panel at a time, reused.
//
// Events come in two shapes: a row of /api/events (flat: source_code, plover_type, day_basis)
// and an event of /api/documents/{id} (nested: source.code, plover.type); eventRecord reads
// both.

import { append, clear, dataTable, el, formatNumber, internalLink } from "./dom.js";
import { glossary } from "./glossary.js";

const FLAGS = ["negated", "hypothetical", "future", "historical"];
const QUAD_CLASSES = {
  1: "verbal cooperation",
  2: "material cooperation",
  3: "verbal conflict",
  4: "material conflict",
};

/** One event in one shape, from a row of /api/events or an event of a document. */
export function eventRecord(event, documentId = event.document_id) {
  const side = (name) =>
    event[name] && typeof event[name] === "object"
      ? event[name]
      : { code: event[`${name}_code`], name: event[`${name}_name`], text: event[`${name}_text`] };
  const location = event.location ?? null;
  return {
    id: event.event_id ?? event.id,
    documentId,
    source: side("source"),
    target: side("target"),
    plover: event.plover ?? { type: event.plover_type, mode: event.plover_mode },
    cameo: event.cameo,
    quadClass: event.quad_class,
    goldstein: event.goldstein,
    intensity: event.intensity,
    flags: FLAGS.filter((flag) => event[flag]),
    date: event.event_date ?? event.date ?? event.day ?? null,
    dayBasis: event.day_basis ?? null,
    dateText: event.date_text ?? null,
    location:
      typeof location === "object" && location !== null
        ? [location.name, location.country].filter(Boolean).join(", ")
        : [event.location_name, event.location_country].filter(Boolean).join(", "),
    rule: event.rule,
    confidence: event.confidence,
    drivers: Array.isArray(event.drivers) ? event.drivers : [],
    evidence: event.evidence?.text ?? "",
  };
}

/** Opens the panel on one or more records, each a {heading, rows, extra} from the builders
 * below; `link`: an optional node at the foot (the article link). */
export function openPanel(title, sections, link = null) {
  let dialog = document.getElementById("record-panel");
  if (dialog === null) {
    dialog = el("dialog", {
      id: "record-panel",
      class: "record-panel",
      "aria-labelledby": "record-panel-title",
    });
    // a click on the backdrop lands on the dialog itself, outside its box
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    document.body.append(dialog);
  }
  const close = el("button", { type: "button", class: "close", "aria-label": "close" }, "×");
  close.addEventListener("click", () => dialog.close());
  append(clear(dialog), [
    el("header", {}, el("h2", { id: "record-panel-title" }, title), close),
    sections.map(({ heading, rows, extra }) =>
      el(
        "section",
        { class: "record-section" },
        heading ? el("h3", {}, heading) : null,
        el(
          "dl",
          {},
          rows
            .filter(([, value]) => value !== null && value !== undefined && value !== "")
            .map(([label, value]) => [el("dt", {}, label), el("dd", {}, value)]),
        ),
        extra ?? null,
      ),
    ),
    link,
  ]);
  if (!dialog.open) dialog.showModal();
  close.focus();
}

function actorValue(side) {
  if (!side?.code && !side?.name) return "–";
  const mention = side.text && side.text !== side.name ? ` “${side.text}”` : "";
  return [el("span", { class: "code" }, side.code ?? "?"), ` ${side.name ?? ""}${mention}`];
}

function labelled(text, term) {
  return [text, " ", glossary(term)];
}

function ploverText(plover) {
  if (!plover?.type) return null;
  return plover.mode ? `${plover.type} (${plover.mode})` : plover.type;
}

/** The panel section of an event record (from eventRecord). */
export function eventSection(record) {
  const date = record.date
    ? [
        record.date,
        record.dayBasis ? ` (day from the ${record.dayBasis})` : "",
        record.dateText ? ` written “${record.dateText}”` : "",
      ].join("")
    : "no date";
  const quad = record.quadClass
    ? `${record.quadClass} ${QUAD_CLASSES[record.quadClass] ?? ""}`
    : null;
  const drivers = record.drivers.filter((driver) => typeof driver?.feature === "string");
  return {
    heading: `Event ${record.id}`,
    rows: [
      ["source", actorValue(record.source)],
      ["target", actorValue(record.target)],
      [labelled("CAMEO", "CAMEO"), record.cameo],
      [labelled("PLOVER", "PLOVER"), ploverText(record.plover)],
      [labelled("QuadClass", "QuadClass"), quad],
      [labelled("Goldstein", "Goldstein"), formatNumber(record.goldstein)],
      ["intensity", record.intensity === null ? null : formatNumber(record.intensity)],
      ["flags", record.flags.length ? record.flags.join(", ") : "none"],
      ["date", date],
      ["location", record.location],
      ["coded by", record.rule],
      ["confidence", record.confidence == null ? null : formatNumber(record.confidence, 2)],
    ],
    extra: [
      drivers.length
        ? dataTable(
            ["feature", "weight"],
            drivers.map((driver) =>
              el(
                "tr",
                {},
                el("td", {}, driver.feature),
                el("td", { class: "num" }, formatNumber(driver.weight, 2)),
              ),
            ),
            { class: "data drivers" },
            "What drove it",
          )
        : null,
      el("blockquote", { class: "evidence" }, record.evidence),
    ],
  };
}

/** The panel section of a quote of a document; `actors`: the document's actors, for the
 * speaker's role and organisation. */
export function quoteSection(quote, actors) {
  const speaker = quote.speaker ?? {};
  const actor = actors.find((candidate) => candidate.id === speaker.actor) ?? {};
  return {
    heading: `Quote ${quote.id}`,
    rows: [
      ["speaker", speaker.name ?? "unknown"],
      ["speaker found", speaker.resolution],
      ["code", actor.code ? el("span", { class: "code" }, actor.code) : null],
      ["role", actor.role],
      ["organisation", actor.organization],
      ["cue", quote.cue?.text],
      ["type", quote.type],
      ["coded by", quote.rule],
      ["confidence", formatNumber(quote.confidence, 2)],
    ],
    extra: el("blockquote", { class: "evidence" }, quote.content?.text ?? ""),
  };
}

/** The panel section of an actor of a document. */
export function actorSection(actor, rule) {
  return {
    heading: `Actor ${actor.id}`,
    rows: [
      ["name", actor.name],
      ["code", actor.code ? el("span", { class: "code" }, actor.code) : null],
      ["kind", actor.kind],
      ["role", actor.role],
      ["organisation", actor.organization],
      ["coded by", rule],
    ],
  };
}

/** The panel of an event row of a list, with a link to read it in its article. */
export function openEventPanel(event) {
  const record = eventRecord(event);
  openPanel(
    event.title ?? record.documentId,
    [eventSection(record)],
    el(
      "p",
      { class: "panel-link" },
      internalLink("Read it in its article →", "article", {
        id: record.documentId,
        event: record.id,
      }),
    ),
  );
}
