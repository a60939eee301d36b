// Dyad view: the thermometer (rolling mean Goldstein) as a line over QuadClass bars, per period,
// for any two actor code patterns, one chart per direction. A bar or a point opens the event
// table for that dyad and period. "Count" chooses what the figures count (the API's `count`):
// events, each reported event of a story once (the default), or every report.

import { getJson } from "../api.js";
import {
  drawChart as embed,
  QUADS,
  nextPeriodStart,
  periodEnd,
  periodStart,
  quadBarLayer,
} from "../charts.js";
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

const PERIODS = ["week", "month", "year"];
const COUNTS = ["events", "reports"];

export async function renderDyad(section, params, current) {
  const by = PERIODS.includes(params.get("by")) ? params.get("by") : "month";
  const count = COUNTS.includes(params.get("count")) ? params.get("count") : "events";
  const source = (params.get("source") ?? "").trim().toUpperCase();
  const target = (params.get("target") ?? "").trim().toUpperCase();
  if (!source || !target) {
    const [top] = (await getJson("dyads", { limit: 1 })).items;
    if (!current()) return;
    if (top === undefined) {
      section.append(
        el("h1", {}, "Dyads"),
        message("No events are stored yet: run `detente ingest`."),
      );
      return;
    }
    window.location.replace(
      viewHash("dyad", { source: top.source, target: top.target, by, count: countParam(count) }),
    );
    return;
  }
  const query = {
    source,
    target,
    by,
    both: params.get("both") === "1" ? "true" : "false",
    since: params.get("since"),
    until: params.get("until"),
    count,
  };
  const [actors, dyads] = (
    await Promise.all([getJson("actors", { limit: 200 }), getJson("dyads", { limit: 10, count })])
  ).map((page) => page.items);
  if (!current()) return;
  // the sides' readable names come with the series; the heading shows the codes until then
  const sourceName = el("span", { class: "actor-name" });
  const targetName = el("span", { class: "actor-name" });
  section.append(
    el(
      "h1",
      {},
      "Dyad ",
      sourceName,
      el("span", { class: "code" }, source),
      " → ",
      targetName,
      el("span", { class: "code" }, target),
    ),
    dyadForm(params, { source, target, by, count }, actors),
    topDyads(dyads, by, count),
  );
  const series = await getJson("dyad", query);
  if (!current()) return;
  if (series.source_name) sourceName.textContent = `${series.source_name} `;
  if (series.target_name) targetName.textContent = `${series.target_name} `;
  // events without a date of their own or of their document are not plotted: say how many
  const undated =
    series.undated > 0
      ? el("p", { class: "hint" }, `${series.undated} ${count} without a date are not shown.`)
      : null;
  if (series.points.length === 0) {
    section.append(message(`No events from ${source} to ${target} in this range.`));
    if (undated) section.append(undated);
    return;
  }
  if (undated) section.append(undated);
  const chart = el("div", { id: "dyad-chart", class: "chart" });
  section.append(
    el(
      "p",
      { class: "hint" },
      `Bars: ${count} by QuadClass `,
      glossary("QuadClass"),
      " · line: the thermometer, the rolling mean Goldstein score ",
      glossary("Goldstein"),
    ),
    chart,
    el("p", { class: "hint" }, "Click a bar or a point to list its events."),
  );
  await drawChart(chart, series);
  if (!current()) return;
  section.append(seriesTable(series));
}

function actorOptions(actors) {
  // a search's suggestion shows the name that found it ("grushko": Alexander Grushko)
  return actors.map((actor) =>
    el("option", { value: actor.code }, actor.matched ?? actor.name ?? actor.code),
  );
}

// As a code field is typed in, its suggestions become the actors found by that name, code or
// mention (GET /api/actors?q=…): "grushko" offers RUSGOV. The latest answer wins.
function suggestActors(codes, top) {
  let asked = 0;
  return async (event) => {
    const typed = event.target.value.trim();
    const ask = ++asked;
    let found = top;
    if (typed) {
      try {
        found = (await getJson("actors", { q: typed, limit: 20 })).items;
      } catch {
        return; // a search the server refuses leaves the suggestions as they were
      }
    }
    if (ask === asked) codes.replaceChildren(...actorOptions(found));
  };
}

function dyadForm(params, chosen, actors) {
  const codes = el("datalist", { id: "actor-codes" }, actorOptions(actors));
  const suggest = suggestActors(codes, actors);
  const input = (name, value) =>
    el("input", {
      name,
      value,
      list: "actor-codes",
      required: true,
      autocomplete: "off",
      size: 12,
      "aria-label": `${name} actor code or name`,
      on: { input: suggest },
    });
  const period = el(
    "select",
    { name: "by", "aria-label": "period" },
    PERIODS.map((name) => el("option", { value: name, selected: name === chosen.by }, name)),
  );
  const counted = el(
    "select",
    { name: "count", "aria-label": "count" },
    COUNTS.map((name) => el("option", { value: name, selected: name === chosen.count }, name)),
  );
  const both = el("input", { type: "checkbox", name: "both", checked: params.get("both") === "1" });
  const since = el("input", { type: "date", name: "since", value: params.get("since") ?? "" });
  const until = el("input", { type: "date", name: "until", value: params.get("until") ?? "" });
  const form = el(
    "form",
    { class: "filters", id: "dyad-form" },
    codes,
    el("label", {}, "Source ", input("source", chosen.source)),
    el("label", {}, "Target ", input("target", chosen.target)),
    el("label", {}, "By ", period),
    el("label", {}, "Count ", counted, " ", glossary("Count")),
    el("label", {}, both, " both directions"),
    el("label", {}, "Since ", since),
    el("label", {}, "Until ", until),
    el("button", { type: "submit" }, "Show"),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = new FormData(form);
    window.location.hash = viewHash("dyad", {
      source: String(data.get("source")).trim().toUpperCase(),
      target: String(data.get("target")).trim().toUpperCase(),
      by: data.get("by"),
      both: data.get("both") ? "1" : null,
      since: data.get("since"),
      until: data.get("until"),
      count: countParam(data.get("count")),
    });
  });
  return form;
}

/** The `count` of a view's hash: left out for the default, events. */
function countParam(count) {
  return count === "events" ? null : count;
}

function topDyads(dyads, by, count) {
  if (dyads.length === 0) return null;
  return el(
    "p",
    { class: "top-dyads" },
    `Most ${count}: `,
    dyads.map((dyad, index) => [
      index ? ", " : "",
      internalLink(dyadLabel(dyad), "dyad", {
        source: dyad.source,
        target: dyad.target,
        by,
        count: countParam(count),
      }),
      ` (${dyad.events})`,
    ]),
  );
}

/** The Vega-Lite spec: per direction, QuadClass bars (left axis, events) under the thermometer
 * line (right axis, −10 to 10), on one UTC time axis: each bar spans its period, each point sits
 * in the middle of it, and quiet periods show as gaps. */
function chartSpec(series, width) {
  // Source → target first, then the way back.
  const directions = ["forward", "backward"].filter((direction) =>
    series.points.some((point) => point.direction === direction),
  );
  const charts = directions.map((direction) => {
    const points = series.points.filter((point) => point.direction === direction);
    // Stacked here: a bar spanning its period (x to x2) is a rect, which Vega-Lite does not stack.
    const bars = points.flatMap((point) => {
      let below = 0;
      return QUADS.map((quad, index) => {
        const count = point.quad_class[String(index + 1)] ?? 0;
        below += count;
        return {
          period: point.period,
          start: periodStart(point.period),
          end: nextPeriodStart(point.period, series.by),
          direction,
          quad,
          count,
          bottom: below - count,
          top: below,
        };
      }).filter((bar) => bar.count > 0);
    });
    const line = points
      .filter((point) => point.thermometer !== null)
      .map((point) => ({
        ...point,
        middle: (periodStart(point.period) + nextPeriodStart(point.period, series.by)) / 2,
        thermometer: Number(point.thermometer.toFixed(2)),
      }));
    const [from, to] =
      direction === "forward" ? [series.source, series.target] : [series.target, series.source];
    return {
      title: `${from} → ${to}`,
      width,
      height: 240,
      layer: [
        quadBarLayer(
          bars,
          series.points.map((point) => point.period),
          series.by,
        ),
        {
          data: { values: line },
          mark: {
            type: "line",
            color: "#222",
            point: { filled: true, size: 60, color: "#222", cursor: "pointer" },
          },
          encoding: {
            x: { field: "middle", type: "temporal" },
            y: {
              field: "thermometer",
              type: "quantitative",
              title: "thermometer (mean Goldstein)",
              scale: { domain: [-10, 10] },
            },
            tooltip: [
              { field: "period", title: series.by },
              { field: "thermometer", title: "thermometer" },
              { field: "events", title: series.count ?? "events" },
              { field: "goldstein_mean", title: "mean Goldstein" },
            ],
          },
        },
      ],
      resolve: { scale: { y: "independent" } },
    };
  });
  // One time axis for both directions, so that the two panels line up.
  return {
    vconcat: charts,
    resolve: { scale: { x: "shared" } },
    config: { view: { stroke: null } },
  };
}

async function drawChart(container, series) {
  const width = Math.max(280, Math.min(1100, (container.parentElement?.clientWidth ?? 900) - 260));
  await embed(container, chartSpec(series, width), (datum, item) => {
    if (typeof datum.period !== "string" || !["rect", "symbol"].includes(item.mark?.marktype))
      return;
    window.location.hash = viewHash("events", eventParams(series, datum.period, datum.direction));
  });
}

/** The event table's filters for one period of one direction of the dyad. */
function eventParams(series, period, direction) {
  const [source, target] =
    direction === "backward" ? [series.target, series.source] : [series.source, series.target];
  return { source, target, since: period, until: periodEnd(period, series.by) };
}

function seriesTable(series) {
  const rows = series.points.map((point) => {
    const [from, to] =
      point.direction === "forward"
        ? [series.source, series.target]
        : [series.target, series.source];
    return el(
      "tr",
      {},
      el("td", {}, point.period),
      el("td", {}, `${from} → ${to}`),
      el("td", { class: "num" }, String(point.events)),
      el("td", { class: "num" }, formatNumber(point.goldstein_mean)),
      el("td", { class: "num" }, formatNumber(point.thermometer)),
      el(
        "td",
        {},
        internalLink("events", "events", eventParams(series, point.period, point.direction)),
      ),
    );
  });
  const goldstein = ["mean Goldstein", " ", glossary("Goldstein")];
  return el(
    "details",
    { class: "series-table" },
    el("summary", {}, "Table of the series"),
    dataTable(["period", "direction", series.count ?? "events", goldstein, "thermometer", ""], rows),
  );
}
