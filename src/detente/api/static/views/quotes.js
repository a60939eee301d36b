// Quote browser: quotes by speaker, words (ranked), organisation or speaker code, a page at a
// time. A result opens its article at the quote.

import { getJson } from "../api.js";
import { downloads, el, formatNumber, internalLink, message, viewHash } from "../dom.js";

const PAGE = 20;
const FIELDS = ["speaker", "text", "organization", "actor"];

export async function renderQuotes(section, params, current) {
  const offset = Math.max(0, Number.parseInt(params.get("offset") ?? "0", 10) || 0);
  const filters = {};
  for (const name of [...FIELDS, "since", "until"]) filters[name] = params.get(name);
  const query = { ...filters, limit: PAGE, offset, after: params.get("after") };
  section.append(el("h1", {}, "Quotes"), searchForm(params), downloads("quotes", filters, query));
  const page = await getJson("quotes", query);
  if (!current()) return;
  if (page.total === 0) {
    section.append(message("No quotes match."));
    return;
  }
  section.append(
    pager(page, params),
    el("ol", { class: "quote-results", id: "quote-results" }, page.items.map(quoteItem)),
    pager(page, params),
  );
}

function searchForm(params) {
  const field = (name, label, attributes = {}) =>
    el(
      "label",
      {},
      `${label} `,
      el("input", { name, value: params.get(name) ?? "", ...attributes }),
    );
  const form = el(
    "form",
    { class: "filters", id: "quote-search" },
    field("speaker", "Speaker", { placeholder: "Grushko" }),
    field("text", "Words", { type: "search", placeholder: "NATO expansion" }),
    field("organization", "Organisation", { placeholder: "Foreign Ministry" }),
    field("actor", "Speaker code", { size: 10 }),
    el("button", { type: "submit" }, "Search"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const next = {};
    for (const name of FIELDS) next[name] = String(data.get(name) ?? "").trim();
    next.actor = next.actor.toUpperCase();
    window.location.hash = viewHash("quotes", next);
  });
  return form;
}

// Onwards by the page's cursor (`next`); a search by words is ranked and has none, so it goes
// on by offset. Back by offset.
function pager(page, params) {
  const last = page.offset + page.items.length;
  const moved = (position) => ({ ...Object.fromEntries(params.entries()), ...position });
  const back = { offset: page.offset - PAGE > 0 ? page.offset - PAGE : null, after: null };
  const onwards = page.next ? { offset: null, after: page.next } : { offset: last, after: null };
  return el(
    "div",
    { class: "pager" },
    page.offset > 0 ? internalLink("← previous", "quotes", moved(back)) : null,
    el("span", { class: "count" }, `${page.offset + 1}–${last} of ${page.total}`),
    last < page.total ? internalLink("next →", "quotes", moved(onwards)) : null,
  );
}

function quoteItem(hit) {
  const who = [hit.speaker_role, hit.speaker_organization].filter(Boolean).join(", ");
  const open = () => {
    window.location.hash = viewHash("article", { id: hit.document_id, quote: hit.quote_id });
  };
  return el(
    "li",
    {
      class: "quote-hit clickable",
      tabindex: 0,
      dataset: { document: hit.document_id, quote: hit.quote_id },
      on: {
        click: open,
        keydown: (key) => {
          if (key.key === "Enter") open();
        },
      },
    },
    el(
      "div",
      { class: "speaker" },
      el("strong", { class: "speaker-name" }, hit.speaker_name ?? "unknown speaker"),
      who ? el("span", { class: "muted" }, ` – ${who}`) : null,
      hit.speaker_code ? el("span", { class: "code" }, ` ${hit.speaker_code}`) : null,
    ),
    el("blockquote", { class: "quote-text" }, hit.content.text),
    el(
      "div",
      { class: "muted" },
      [
        hit.day,
        hit.type,
        hit.title ?? hit.document_id,
        hit.score === null ? null : `score ${formatNumber(hit.score, 2)}`,
      ]
        .filter(Boolean)
        .join(" · "),
    ),
  );
}
