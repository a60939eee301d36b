// The code systems named across the dashboard, each explained once: a small "?" button next to
// a heading or label opens its text in a popover (the HTML popover attribute: Esc or a click
// elsewhere closes it; no script of ours is needed for that).

const TERMS = {
  CAMEO:
    "Conflict and Mediation Event Observations: a taxonomy of about 300 event types in 20 " +
    "root codes, from 01 (make public statement) to 20 (use unconventional mass violence). " +
    "A longer code is a more specific type.",
  PLOVER:
    "Political Language Ontology for Verifiable Event Records: CAMEO's successor, 16 event " +
    "types (AGREE, ACCUSE, ASSAULT…) with a mode that refines each and a context.",
  QuadClass:
    "CAMEO's four broad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal " +
    "conflict, 4 material conflict.",
  Goldstein:
    "The Goldstein scale: each CAMEO type's effect on a country's stability, from −10 (most " +
    "conflictual) to +10 (most cooperative).",
  Count:
    "events: an event reported by several versions of one story (a wire story republished " +
    "with other headlines and small edits), or more than once in one article, counts once: " +
    "the reports that agree on source, target, CAMEO code and day. reports: every event read " +
    "in every document.",
};

let made = 0; // each popover needs an id of its own for its button to name

/** The "?" button of `term` with its popover; `term` is a key of TERMS. */
export function glossary(term) {
  made += 1;
  const id = `glossary-${made}`;
  const box = document.createElement("span");
  box.className = "glossary";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "glossary-button";
  button.textContent = "?";
  button.setAttribute("aria-label", `What is ${term}?`);
  button.setAttribute("popovertarget", id);
  // a click on "?" inside a clickable row or header must not also open or sort it
  button.addEventListener("click", (event) => event.stopPropagation());
  const text = document.createElement("span");
  text.id = id;
  text.className = "glossary-text";
  text.setAttribute("popover", "");
  text.setAttribute("role", "note");
  text.textContent = `${term}: ${TERMS[term]}`;
  box.append(button, text);
  return box;
}
