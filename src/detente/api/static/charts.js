// Vega-Lite charts under the dashboard's Content-Security-Policy, and the time axis of a series.

import { append, el } from "./dom.js";

// The QuadClasses as the charts name and colour them (the dyad's and the actor's bars).
export const QUADS = [
  "1 verbal cooperation",
  "2 material cooperation",
  "3 verbal conflict",
  "4 material conflict",
];
const QUAD_COLORS = ["#7fbf7b", "#1b7837", "#f4a582", "#b2182b"];

/** The Vega-Lite layer of stacked QuadClass bars: `bars` are {period, start, end, quad, count,
 * bottom, top}, each spanning its period (start to end, ms) on a time axis of `periods` by `by`. */
export function quadBarLayer(bars, periods, by) {
  return {
    data: { values: bars },
    mark: { type: "rect", cursor: "pointer", stroke: "#fff", strokeWidth: 0.5 },
    encoding: {
      x: {
        field: "start",
        type: "temporal",
        scale: { type: "utc" },
        axis: periodAxis(periods, by),
      },
      x2: { field: "end" },
      y: { field: "top", type: "quantitative", title: "events" },
      y2: { field: "bottom" },
      color: {
        field: "quad",
        type: "nominal",
        title: "QuadClass",
        scale: { domain: QUADS, range: QUAD_COLORS },
      },
      tooltip: [
        { field: "period", title: by },
        { field: "quad", title: "QuadClass" },
        { field: "count", title: "events" },
      ],
    },
  };
}

/** Embeds the Vega-Lite `spec` in `container`; `onClick(datum, item)` is called for a click on
 * a mark with data. */
export async function drawChart(container, spec, onClick = null) {
  const result = await window.vegaEmbed(container, spec, {
    mode: "vega-lite",
    renderer: "svg",
    actions: false, // the menu links to the online Vega editor
    ast: true, // expressions run in vega-interpreter: no Function(), so CSP needs no unsafe-eval
    defaultStyle: false, // no injected <style> element (CSP style-src 'self'): see app.css
    tooltip: showTooltip,
  });
  if (onClick !== null) {
    result.view.addEventListener("click", (event, item) => {
      if (item?.datum) onClick(item.datum, item);
    });
  }
  return result;
}

/** Vega's tooltip handler, written with textContent (vega-tooltip's fills innerHTML). */
function showTooltip(handler, event, item, value) {
  let tip = document.getElementById("chart-tooltip");
  if (tip === null) {
    tip = el("div", { id: "chart-tooltip", class: "chart-tooltip", role: "tooltip" });
    document.body.append(tip);
  }
  if (value === null || value === undefined || value === "") {
    tip.classList.remove("visible");
    return;
  }
  tip.replaceChildren();
  const entries = typeof value === "object" ? Object.entries(value) : [["", value]];
  for (const [key, shown] of entries) {
    append(tip, [
      el("div", {}, key ? el("span", { class: "key" }, `${key}: `) : null, String(shown)),
    ]);
  }
  tip.classList.add("visible");
  tip.style.left = `${event.clientX + 12}px`;
  tip.style.top = `${event.clientY + 12}px`;
}

const LABELS = { week: "%d %b %Y", month: "%b %Y", year: "%Y" };
const MOST_TICKS = 8;

/** A time axis labelled by `by` (18 Nov 2019, Nov 2019, 2019): a tick at the start of every
 * period from the first of `periods` (YYYY-MM-DD) to the last, or of every n-th when there are
 * more than a few. The ticks are Vega-Lite date-times in UTC, and the labels an expression:
 * Vega-Lite leaves an axis's `format` out on a ranged (x to x2) time field, and reads a plain
 * number in `values` as a year. */
function periodAxis(periods, by, title = by) {
  const sorted = [...periods].sort();
  const ticks = [];
  if (sorted.length > 0) {
    const last = sorted[sorted.length - 1];
    for (let day = sorted[0]; day <= last; day = periodEnd(day, by, 1)) ticks.push(day);
  }
  const step = Math.ceil(ticks.length / MOST_TICKS) || 1;
  return {
    title,
    values: ticks
      .filter((_, index) => index % step === 0)
      .map((day) => {
        const [year, month, date] = day.split("-").map(Number);
        return { utc: true, year, month, date };
      }),
    labelExpr: `utcFormat(datum.value, '${LABELS[by]}')`,
    labelOverlap: true,
  };
}

/** Milliseconds since the epoch of a period's first day (YYYY-MM-DD, UTC). */
export function periodStart(period) {
  return Date.parse(`${period}T00:00:00Z`);
}

/** Milliseconds since the epoch of the first day of the period after `period`. */
export function nextPeriodStart(period, by) {
  return periodStart(periodEnd(period, by, 1));
}

/** The last day of the week, month or year starting on `start` (YYYY-MM-DD, UTC); with
 * `after` 1, the first day of the next one. */
export function periodEnd(start, by, after = 0) {
  const day = new Date(`${start}T00:00:00Z`);
  if (by === "week") {
    day.setUTCDate(day.getUTCDate() + 6 + after);
  } else if (by === "month") {
    day.setUTCMonth(day.getUTCMonth() + 1, after);
  } else {
    day.setUTCFullYear(day.getUTCFullYear() + 1, 0, after);
  }
  return day.toISOString().slice(0, 10);
}
