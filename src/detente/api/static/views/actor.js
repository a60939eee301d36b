// Actor page: one actor's events over time by QuadClass (either side), its partners with most
// events both ways and its newest quotes. A bar lists its events, a partner opens the dyad, a
// quote its article.

import { getJson } from "../api.js";
import {
  drawChart,
  nextPeriodStart,
  periodEnd,
  periodStart,
  QUADS,
  quadBarLayer,
} from "../charts.js";
import { dataTable, el, formatNumber, internalLink, message, viewHash } from "../dom.js";
import { glossary } from "../glossary.js";

const PERIODS = ["week", "month", "year"];

export async function renderActor(section, params, current) {
  const code = (params.get("code") ?? "").trim().toUpperCase();
  const by = PERIODS.includes(params.get("by")) ? params.get("by") : "month";
  if (!code) {
    section.append(el("h1", {}, "Actor"), message("Open an actor from the overview's list."));
    return;
  }
  const profile = await getJson("actor", { code, by });
  if (!current()) return;
  document.title = `${profile.name ?? code} – detente`;
  section.append(
    el(
      "h1",
      {},
      profile.name ? `${profile.name} ` : "",
      el("span", { class: "code" }, profile.code),
    ),
    el(
      "p",
      { class: "actor-links" },
      PERIODS.map((period) => [
        period === by
          ? el("strong", {}, period)
          : internalLink(period, "actor", { code, by: period }),
        " ",
      ]),
      "· ",
      internalLink("all its events", "events", { actor: code }),
    ),
  );
  if (profile.periods.length === 0) {
    section.append(message(`No dated events of ${code}.`));
  } else {
    const chart = el("div", { id: "actor-chart", class: "chart" });
    section.append(
      el("h2", {}, `Events by QuadClass and ${by} `, glossary("QuadClass")),
      chart,
      el("p", { class: "hint" }, "Click a bar to list its events."),
    );
    const width = Math.max(300, Math.min(900, section.clientWidth || 900) - 120);
    await drawChart(chart, chartSpec(profile, width), (datum) => {
      if (typeof datum.period !== "string") return;
      window.location.hash = viewHash("events", {
        actor: code,
        since: datum.period,
        until: periodEnd(datum.period, by),
      });
    });
    if (!current()) return;
  }
  section.append(
    panel("Partners", "partners", partnerTable(profile)),
    panel("Latest quotes", "actor-quotes", quoteList(profile)),
  );
}

function panel(title, id, content) {
  return el("section", { class: "panel", id }, el("h2", {}, title), content);
}

/** QuadClass bars stacked per period, each spanning its period on a UTC time axis. */
function chartSpec(profile, width) {
  // Stacked here: a bar spanning its period (x to x2) is a rect, which Vega-Lite does not stack.
  const bars = profile.periods.flatMap((point) => {
    let below = 0;
    return QUADS.map((quad, index) => {
      const count = point.quad_class[String(index + 1)] ?? 0;
      below += count;
      return {
        period: point.period,
        start: periodStart(point.period),
        end: nextPeriodStart(point.period, profile.by),
        quad,
        count,
        bottom: below - count,
        top: below,
      };
    }).filter((bar) => bar.count > 0);
  });
  return {
    width,
    height: 240,
    ...quadBarLayer(
      bars,
      profile.periods.map((point) => point.period),
      profile.by,
    ),
    config: { view: { stroke: null } },
  };
}

function partnerTable(profile) {
  if (profile.partners.length === 0) return message("No partners.");
  const rows = profile.partners.map((partner) =>
    el(
      "tr",
      { dataset: { code: partner.code } },
      el(
        "td",
        {},
        internalLink(partner.name ?? partner.code, "actor", { code: partner.code }),
        " ",
        el("span", { class: "code muted" }, partner.code),
      ),
      el("td", { class: "num" }, String(partner.outgoing)),
      el("td", { class: "num" }, String(partner.incoming)),
      el("td", { class: "num" }, formatNumber(partner.goldstein_mean)),
      el(
        "td",
        {},
        internalLink("dyad", "dyad", { source: profile.code, target: partner.code, both: "1" }),
      ),
    ),
  );
  const goldstein = ["mean Goldstein", " ", glossary("Goldstein")];
  return dataTable(["partner", "to it", "from it", goldstein, ""], rows, { id: "partner-table" });
}

function quoteList(profile) {
  if (profile.quotes.length === 0) return message("No quotes.");
  const items = profile.quotes.map((quote) =>
    el(
      "li",
      { dataset: { document: quote.document_id, quote: quote.quote_id } },
      el("blockquote", { class: "quote-text" }, quote.content.text),
      el(
        "div",
        { class: "muted" },
        [quote.speaker_name ?? "unknown speaker", quote.day].filter(Boolean).join(" · "),
        " · ",
        internalLink(quote.title ?? quote.document_id, "article", {
          id: quote.document_id,
          quote: quote.quote_id,
        }),
      ),
    ),
  );
  return el("ol", { class: "quote-results", id: "actor-quote-list" }, items);
}
