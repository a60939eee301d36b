// Overview, the home page: what the corpus holds, its top dyads and most active actors, the
// latest events and a world map of where events happened. Every item links onward: a dyad to
// its series, an actor to its page, a place to the article it comes from; an event row opens
// its record panel, its link the article.

import { getJson } from "../api.js";
import { drawChart } from "../charts.js";
import {
  dataTable,
  dyadLabel,
  el,
  formatNumber,
  internalLink,
  message,
  viewHash,
} from "../dom.js";
import { glossary } from "../glossary.js";
import { openEventPanel } from "../record.js";

const TOP = 10;
// The countries of world-atlas (Natural Earth 1:110m), vendored: no tile server, no CDN.
const WORLD = "/static/vendor/countries-110m.json";

export async function renderOverview(section, params, current) {
  const [summary, dyads, actors, latest, places, countries] = await Promise.all([
    getJson("overview"),
    getJson("dyads", { limit: TOP }),
    getJson("actors", { limit: TOP }),
    getJson("events", { limit: TOP }),
    getJson("places", { limit: 500 }),
    getJson("places", { group: "country", limit: 500 }),
  ]);
  if (!current()) return;
  section.append(el("h1", {}, "Overview"), summaryList(summary));
  if (summary.events === 0) {
    section.append(message("No events are stored yet: run `detente ingest`."));
    return;
  }
  const map = el("div", { id: "world-map", class: "chart map" });
  section.append(
    el(
      "div",
      { class: "overview-grid" },
      panel("Top dyads", "top-dyads", dyadTable(dyads.items)),
      panel("Most active actors", "top-actors", actorTable(actors.items)),
    ),
    panel(
      "Where events happened",
      "places",
      map,
      el("p", { class: "hint" }, placesHint(places, summary)),
      placeTable(places.items.slice(0, TOP)),
    ),
    panel("Latest events", "latest-events", latestTable(latest.items)),
  );
  await drawMap(map, places.items, countries.items);
}

function panel(title, id, ...children) {
  return el("section", { class: "panel", id }, el("h2", {}, title), children);
}

function summaryList(summary) {
  const range =
    summary.first_day === null ? "no dated events" : `${summary.first_day} to ${summary.last_day}`;
  const item = (label, value, link = null) =>
    el("div", { class: "figure" }, el("dt", {}, label), el("dd", {}, link ?? value));
  return el(
    "dl",
    { class: "summary", id: "summary" },
    item("documents", summary.documents.toLocaleString()),
    item("dates", range),
    item("events", null, internalLink(summary.events.toLocaleString(), "events")),
    item("quotes", null, internalLink(summary.quotes.toLocaleString(), "quotes")),
    item("errors", summary.errors.toLocaleString()),
  );
}

function dyadTable(dyads) {
  const rows = dyads.map((dyad) =>
    el(
      "tr",
      {},
      el(
        "td",
        {},
        internalLink(dyadLabel(dyad), "dyad", { source: dyad.source, target: dyad.target }),
        " ",
        el("span", { class: "code muted" }, `${dyad.source} → ${dyad.target}`),
      ),
      el("td", { class: "num" }, String(dyad.events)),
      el("td", { class: "num" }, formatNumber(dyad.goldstein_mean)),
    ),
  );
  const goldstein = ["mean Goldstein", " ", glossary("Goldstein")];
  return dataTable(["dyad", "events", goldstein], rows, { id: "dyad-table" });
}

function actorTable(actors) {
  const rows = actors.map((actor) =>
    el(
      "tr",
      {},
      el(
        "td",
        {},
        internalLink(actor.name ?? actor.code, "actor", { code: actor.code }),
        " ",
        el("span", { class: "code muted" }, actor.code),
      ),
      el("td", { class: "num" }, String(actor.events)),
      el("td", { class: "num" }, String(actor.quotes)),
    ),
  );
  return dataTable(["actor", "events", "quotes"], rows, { id: "actor-table" });
}

// an event's side as its actor's name with the code after it: "Alexander Grushko (RUSGOV)"
function side(name, code) {
  if (!code) return name ?? "?";
  return name && name !== code ? `${name} (${code})` : code;
}

function latestTable(events) {
  const rows = events.map((event) =>
    el(
      "tr",
      {
        class: "clickable",
        tabindex: 0,
        dataset: { document: event.document_id, event: event.event_id },
        on: {
          // the row's link goes to the article; the rest of the row opens the panel
          click: (click) => {
            if (!click.target.closest("a")) openEventPanel(event);
          },
          keydown: (key) => {
            if (key.key === "Enter" && key.target === key.currentTarget) openEventPanel(event);
          },
        },
      },
      el("td", { class: "date" }, event.day ?? "–"),
      el(
        "td",
        {},
        internalLink(
          `${side(event.source_name, event.source_code)} → ` +
            `${side(event.target_name, event.target_code)} ${event.plover_type ?? ""}`,
          "article",
          { id: event.document_id, event: event.event_id },
        ),
      ),
      el("td", { class: "evidence" }, event.evidence.text),
    ),
  );
  return dataTable(["date", "event", "evidence"], rows, { id: "latest-table" });
}

function placesHint(places, summary) {
  const located = places.items.reduce((sum, place) => sum + place.events, 0);
  return `${located} of ${summary.events} events have a place. Click a country or a place to read its newest event.`;
}

function placeTable(places) {
  const rows = places.map((place) =>
    el(
      "tr",
      {},
      el(
        "td",
        {},
        internalLink(place.name, "article", { id: place.document_id, event: place.event_id }),
        place.country_name && place.country_name !== place.name
          ? el("span", { class: "muted" }, `, ${place.country_name}`)
          : null,
      ),
      el("td", { class: "num" }, String(place.events)),
    ),
  );
  return dataTable(["place", "events"], rows, { id: "place-table" });
}

/** The map: countries shaded by their events, and a circle at each place with coordinates. */
function mapSpec(places, countries, width) {
  const points = places.filter((place) => place.latitude !== null && place.longitude !== null);
  const tooltip = [
    { field: "name", title: "place" },
    { field: "events", title: "events" },
  ];
  return {
    width,
    height: Math.round(width * 0.5),
    projection: { type: "equalEarth" },
    layer: [
      {
        data: { url: WORLD, format: { type: "topojson", feature: "countries" } },
        transform: [
          {
            lookup: "id",
            from: {
              data: { values: countries },
              key: "country_number",
              fields: ["name", "events", "document_id", "event_id"],
            },
          },
          { calculate: "datum.events || 0", as: "shade" },
        ],
        mark: { type: "geoshape", stroke: "#fff", strokeWidth: 0.5 },
        encoding: {
          color: {
            field: "shade",
            type: "quantitative",
            title: "events",
            scale: { type: "sqrt", domainMin: 0, range: ["#e9ecef", "#1f4e79"] },
          },
          tooltip,
        },
      },
      {
        data: { values: points },
        mark: { type: "circle", color: "#c92a2a", opacity: 0.8, cursor: "pointer" },
        encoding: {
          longitude: { field: "longitude", type: "quantitative" },
          latitude: { field: "latitude", type: "quantitative" },
          size: { field: "events", type: "quantitative", scale: { range: [40, 400] } },
          tooltip,
        },
      },
    ],
    config: { view: { stroke: null } },
  };
}

async function drawMap(container, places, countries) {
  const width = Math.max(300, Math.min(900, container.parentElement?.clientWidth ?? 900) - 20);
  await drawChart(container, mapSpec(places, countries, width), (datum) => {
    // a country without events has no event to open
    if (typeof datum.document_id === "string" && typeof datum.event_id === "string") {
      window.location.hash = viewHash("article", { id: datum.document_id, event: datum.event_id });
    }
  });
}
