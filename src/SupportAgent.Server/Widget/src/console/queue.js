import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";
import { age, humanise, priorityLabel, priorityRank, reasonLabel } from "./format.js";
import { heading, keepingFocus, showView, table } from "./view.js";

const statuses = ["open", "resolved", "all"];

// The live queue. Opening it builds the view and focuses its heading; live events only refresh the rows and the count,
// keeping the chosen filter and the keyboard focus where they were.
export async function renderQueue(main, session, status = "open") {
  status = statuses.includes(status) ? status : "open";
  const filter = el("select", { id: "queue-status" },
    ...statuses.map((s) => el("option", { value: s, selected: s === status }, humanise(s))));
  filter.addEventListener("change", () => { location.hash = `#/queue/${filter.value}`; });
  const count = el("p", { class: "muted", id: "queue-live", role: "status" });
  const rows = el("div", { id: "queue-rows" });
  const refresh = () => fill(session, status, count, rows);
  await refresh();
  showView(main, "Escalation queue",
    el("div", { class: "bar" }, heading(), el("span", { class: "filter" }, el("label", { for: "queue-status" }, "Show"), filter)),
    count, rows);
  return { refresh: () => keepingFocus(rows, (n) => n.getAttribute("href") ?? n.id, refresh) };
}

async function fill(session, status, count, rows) {
  const data = await api(`${tenantPath(session, "escalations")}${status === "all" ? "" : `?status=${status}`}`);
  const items = data.escalations;
  count.textContent = `${items.length} ${status === "all" ? "" : `${status} `}escalation${items.length === 1 ? "" : "s"}; new ones appear here live.`;
  rows.replaceChildren(items.length === 0 ? el("p", {}, status === "open" ? "Nothing waiting." : "None.") :
    table("Escalations, highest priority and oldest first",
      ["Priority", "Age", "Category", "Urgency", "Sentiment", "Reason", "Summary", "Status"],
      items.map((e) => ({
        attrs: { class: e.overdue ? "overdue" : "", "data-escalation-id": e.id },
        cells: [
          el("span", { class: `badge p${priorityRank(e.priority)}` }, priorityLabel(e.priority)),
          { class: "nowrap", content: age(e.createdAt) },
          humanise(e.category, "Uncategorised"),
          humanise(e.urgency),
          humanise(e.sentiment),
          reasonLabel(e.reason),
          { class: "summary", content: el("a", { href: `#/escalations/${encodeURIComponent(e.id)}` }, e.summary) },
          e.status === "resolved" ? "Resolved" : e.overdue ? el("strong", { class: "sla-late" }, "Overdue") : e.firstResponseAt ? "Answered" : "Within target",
        ],
      }))));
}
