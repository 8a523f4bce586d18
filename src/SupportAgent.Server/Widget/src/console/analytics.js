import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";
import { bars, donut } from "./charts.js";
import { humanise } from "./format.js";
import { createNotice } from "./notice.js";
import { heading, showView } from "./view.js";

// Deflection analytics for the signed-in tenant (admins). The range is in the viewer's own days: "today" starts at
// their local midnight, not at UTC's.
export async function renderAnalytics(main, session) {
  if (session.role !== "admin") return showView(main, "Analytics", heading(), el("p", {}, "Only admins can see analytics."));
  const today = new Date();
  const from = el("input", { type: "date", id: "from", required: true, value: localDay(addDays(today, -29)) });
  const to = el("input", { type: "date", id: "to", required: true, value: localDay(today) });
  const notice = createNotice();
  const results = el("div", { id: "analytics-results" });
  const form = el("form", { class: "range", "aria-label": "Date range" },
    el("span", { class: "field" }, el("label", { for: "from" }, "From"), from),
    el("span", { class: "field" }, el("label", { for: "to" }, "To"), to),
    el("button", { type: "submit" }, "Show"));
  const load = async () => {
    const start = parseLocalDay(from.value), end = parseLocalDay(to.value);
    if (!start || !end || end < start) return notice.error("Choose a start date on or before the end date.");
    const query = new URLSearchParams({ from: start.toISOString(), to: addDays(end, 1).toISOString() }); // [from, to): the whole last day
    try {
      results.replaceChildren(...figures(await api(`${tenantPath(session, "analytics")}?${query}`)));
      notice.clear();
    } catch (err) { notice.error(err.message); }
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  await load();
  showView(main, "Analytics", el("div", { class: "bar" }, heading(), form), notice.node, results,
    el("p", { class: "muted" }, "Figures come from the stored conversations started in the window; evaluation runs are excluded. ",
      "Staff time saved multiplies deflected conversations by the tenant's configured minutes per conversation."));
}

const addDays = (d, n) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const localDay = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
function parseLocalDay(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

const percent = (v) => (v == null ? "—" : `${(v * 100).toFixed(1)} %`);
const number = (v, digits = 0) => (v == null ? "—" : Number(v).toLocaleString(undefined, { maximumFractionDigits: digits }));
const duration = (ms) => (ms == null ? "—" : ms < 1000 ? `${Math.round(ms)} ms` : ms < 120000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60000).toFixed(1)} min`);

function figures(r) {
  const tiles = [
    ["Conversations", number(r.conversations)],
    ["Customer messages", number(r.messages)],
    ["Deflection rate", percent(r.deflectionRate)],
    ["Escalation rate", percent(r.escalationRate)],
    ["Staff time saved", r.staffMinutesSaved >= 120 ? `${number(r.staffMinutesSaved / 60, 1)} h` : `${number(r.staffMinutesSaved, 1)} min`],
    ["First response (agent, median)", duration(r.firstResponseMs.agentP50)],
    ["First response (staff, median)", duration(r.firstResponseMs.staffP50)],
    ["Time to resolution (median)", r.resolutionMinutesP50 == null ? "—" : duration(r.resolutionMinutesP50 * 60000)],
    ["Thumbs up", percent(r.thumbsUpRate)],
    ["Approved-answer hits", number(r.approvedAnswerHits)],
    ["Adapter share of answers", percent(r.adapterShare)],
  ];
  const handled = r.deflectionRate == null ? {} : { Answered: r.deflectionRate, Escalated: r.escalationRate };
  const figure = (id, title, chart) => el("figure", { "aria-labelledby": id }, el("figcaption", { id }, title), chart);
  return [
    el("h2", { class: "sa-sr" }, "Key figures"),
    el("dl", { class: "tiles", id: "tiles" }, tiles.map(([label, value]) => el("div", { class: "tile" }, el("dt", {}, label), el("dd", {}, value)))),
    el("h2", {}, "Charts"),
    el("div", { class: "charts" },
      figure("chart-outcome", "Conversations the agent handled", donut("Conversations the agent handled", handled, percent, "The agent handled no conversations in this window.")),
      figure("chart-reason", "Escalations by reason", bars("Escalations by reason", r.escalationsByReason, humanise, "No escalations in this window.")),
      figure("chart-category", "Escalations by category", bars("Escalations by category", r.escalationsByCategory, humanise, "No escalations in this window."))),
  ];
}
