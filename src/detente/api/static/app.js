// The dashboard: views routed by the URL hash, `#/<view>?<parameters>`.
//
//   #/ or #/overview                                         the corpus, top lists and the map
//   #/dyad?source=RUS&target=IGOWSTNAT&by=month&both=1     thermometer and QuadClass bars
//   #/dyad                                                  the same for the top dyad
//   #/actor?code=RUS&by=month                               an actor: bars, partners, quotes
//   #/events?source=…&target=…&since=…&until=…&offset=…   the event table
//   #/article?id=…&event=E7 | &quote=Q3                     a document with its highlights
//   #/quotes?speaker=…&text=…&organization=…              the quote browser
//
// When a view has rendered, #view gets data-ready="<view>" and data-hash="<the hash it shows>"
// (the browser tests wait for them).

import { getJson } from "./api.js";
import { clear, el, message } from "./dom.js";
import { renderActor } from "./views/actor.js";
import { renderArticle } from "./views/article.js";
import { renderDyad } from "./views/dyad.js";
import { renderEvents } from "./views/events.js";
import { renderOverview } from "./views/overview.js";
import { renderQuotes } from "./views/quotes.js";

const VIEWS = {
  overview: renderOverview,
  dyad: renderDyad,
  actor: renderActor,
  events: renderEvents,
  article: renderArticle,
  quotes: renderQuotes,
};

const main = document.getElementById("view");
let rendering = 0; // a newer navigation makes an older, slower render stop touching the page

function currentRoute() {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const mark = hash.indexOf("?");
  const name = mark < 0 ? hash : hash.slice(0, mark);
  const query = mark < 0 ? "" : hash.slice(mark + 1);
  const view = Object.hasOwn(VIEWS, name) ? name : "overview";
  return { view, params: new URLSearchParams(query) };
}

async function route() {
  const token = ++rendering;
  const hash = window.location.hash;
  const { view, params } = currentRoute();
  for (const link of document.querySelectorAll("nav a")) {
    link.classList.toggle("active", link.dataset.view === view);
  }
  main.removeAttribute("data-ready");
  main.removeAttribute("data-hash");
  document.getElementById("chart-tooltip")?.remove(); // a chart's hover box outlives its chart
  document.getElementById("record-panel")?.close(); // its article link navigates from it
  document.title = "detente";
  const target = el("section", { class: `view view-${view}` });
  clear(main).append(target);
  const current = () => token === rendering;
  try {
    await VIEWS[view](target, params, current);
  } catch (error) {
    if (!current()) return;
    target.append(message(error.message, "error"));
  }
  if (current()) {
    main.dataset.ready = view;
    main.dataset.hash = hash;
  }
}

async function showStats() {
  try {
    const stats = await getJson("stats");
    const counter = document.getElementById("stats");
    counter.textContent = `${stats.documents.toLocaleString()} documents`;
  } catch {
    // the views say what is wrong with the server; the counter stays empty
  }
}

window.addEventListener("hashchange", route);
route();
showStats();
