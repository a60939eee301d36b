// Building the page from data without ever parsing data as HTML.
//
// Article titles, quotes, names and URLs are untrusted text. Everything here goes through
// createElement, textContent and setAttribute; nothing assigns innerHTML, and a URL from the
// data becomes a link only when it is http or https.

import { apiUrl } from "./api.js";

/**
 * An element: `el("td", {class: "num", title: "…"}, "text", child, …)`.
 * Attribute values are set with setAttribute (never parsed); children are nodes or text;
 * null, undefined and false children are skipped. Event handlers are attached with `on`.
 */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "on") {
      for (const [type, handler] of Object.entries(value)) element.addEventListener(type, handler);
    } else if (name === "dataset") {
      for (const [key, data] of Object.entries(value)) element.dataset[key] = String(data);
    } else if (name === "href") {
      throw new Error("use link() or internalLink() for links");
    } else if (name.startsWith("on")) {
      throw new Error(`inline handler ${name}: use the "on" attribute`);
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

/** A link to a view of this dashboard: `#/view?key=value`, values URL-encoded. */
export function internalLink(text, view, params = {}, attributes = {}) {
  const link = el("a", attributes, text);
  link.setAttribute("href", viewHash(view, params));
  return link;
}

/** A dyad of the API's lists by its sides' readable names, a code where there is none. */
export function dyadLabel(dyad) {
  return `${dyad.source_name ?? dyad.source} → ${dyad.target_name ?? dyad.target}`;
}

/** Links to download a list of the API: every match of `filters` as CSV (/api/<list>.csv) and
 * the page shown (`query`) as JSON. */
export function downloads(list, filters, query) {
  const link = (text, url) => {
    const anchor = el("a", { class: "download", download: "" }, text);
    anchor.setAttribute("href", url.href);
    return anchor;
  };
  return el(
    "p",
    { class: "downloads" },
    "Download: ",
    link("all as CSV", apiUrl(`${list}.csv`, filters)),
    " · ",
    link("this page as JSON", apiUrl(list, query)),
  );
}

/** A data table in its scrolling box: `head` holds each column's header (text, or an array of
 * text and nodes such as a glossary "?"), `rows` the <tr>s. A click on a named header, or Enter
 * on it, sorts the rows by that column (see sortBy). */
export function dataTable(head, rows, attributes = {}, caption = null) {
  const headers = head.map((label) => {
    const th = el("th", { scope: "col" }, label);
    if (th.textContent.trim() === "") return th; // a column of links sorts nothing
    th.classList.add("sortable");
    th.tabIndex = 0;
    th.setAttribute("aria-sort", "none");
    // not for a click or a key on a glossary "?" in the header
    const own = (event) => event.target.closest(".glossary") === null;
    th.addEventListener("click", (event) => {
      if (own(event)) sortBy(th);
    });
    th.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && own(event)) sortBy(th);
    });
    return th;
  });
  return el(
    "div",
    { class: "table-scroll" },
    el(
      "table",
      { class: "data", ...attributes },
      caption === null ? null : el("caption", {}, caption),
      el("thead", {}, el("tr", {}, headers)),
      el("tbody", {}, rows),
    ),
  );
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Sorts the rows of the header's table by its column, ascending first and then the other way:
 * numbers as numbers, the rest (ISO dates, codes, names) as text with runs of digits compared
 * by value; empty cells ("–") last either way. */
function sortBy(th) {
  const ascending = th.getAttribute("aria-sort") !== "ascending";
  for (const other of th.parentElement.children) {
    if (other.hasAttribute("aria-sort")) other.setAttribute("aria-sort", "none");
  }
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const column = th.cellIndex;
  const body = th.closest("table").tBodies[0];
  const keyed = [...body.rows].map((row) => [sortKey(row.cells[column]), row]);
  keyed.sort(([a], [b]) => {
    if (a === null || b === null) return (a === null) - (b === null);
    const numbers = typeof a === "number" && typeof b === "number";
    const order = numbers ? a - b : collator.compare(String(a), String(b));
    return ascending ? order : -order;
  });
  body.append(...keyed.map(([, row]) => row));
}

/** A cell's value to sort by: a number when its text is one, else its text; null when empty. */
function sortKey(cell) {
  const text = (cell?.textContent ?? "").trim();
  if (text === "" || text === "–") return null;
  const number = Number(text.replaceAll(",", "").replace("−", "-"));
  return Number.isFinite(number) ? number : text;
}

export function viewHash(view, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== "") query.set(key, String(value));
  }
  const text = query.toString();
  return `#/${encodeURIComponent(view)}${text ? `?${text}` : ""}`;
}

/** The URL when it is an absolute http(s) URL, else null: javascript:, data: and the rest
 * never become a link. */
export function safeUrl(value) {
  if (typeof value !== "string") return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

/** An external link when `url` is http(s); otherwise the URL as plain text. */
export function externalLink(url, text = url) {
  const safe = safeUrl(url);
  if (safe === null) return el("span", { class: "unsafe-url" }, text ?? "");
  const link = el("a", { rel: "noopener noreferrer", target: "_blank" }, text ?? safe);
  link.setAttribute("href", safe);
  return link;
}

export function formatNumber(value, digits = 1) {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return Number(value).toFixed(digits);
}

export function message(text, kind = "info") {
  return el("p", { class: `message ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}
