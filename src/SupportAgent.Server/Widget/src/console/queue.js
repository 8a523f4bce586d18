import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";
import { age, priorityLabel, reasonLabel } from "./format.js";

// The live queue: reloaded whenever the hub says an escalation was created or changed, so it never needs a refresh.
export async function renderQueue(main, session, status = "open") {
  const data = await api(`${tenantPath(session, "escalations")}${status === "all" ? "" : `?status=${status}`}`);
  const filter = el("select", { id: "queue-status", "aria-label": "Show" },
    ...["open", "resolved", "all"].map((s) => el("option", { value: s, selected: s === status }, s[0].toUpperCase() + s.slice(1))));
  filter.addEventListener("change", () => renderQueue(main, session, filter.value));
  const rows = data.escalations.map((e) =>
    el("tr", { class: e.overdue ? "overdue" : "", "data-escalation-id": e.id },
      el("td", {}, el("span", { class: `badge p${e.priority}` }, priorityLabel(e.priority))),
      el("td", {}, age(e.createdAt)),
      el("td", {}, e.category || "—"),
      el("td", {}, e.urgency || "—"),
      el("td", {}, e.sentiment || "—"),
      el("td", {}, reasonLabel(e.reason)),
      el("td", { class: "summary" }, el("a", { href: `#/escalations/${encodeURIComponent(e.id)}` }, e.summary)),
      el("td", {}, e.overdue ? el("strong", { class: "sla-late" }, "Overdue") : e.firstResponseAt ? "Answered" : "Within target")));
  main.replaceChildren(
    el("div", { class: "bar" }, el("h1", {}, "Escalation queue"), el("label", { for: "queue-status" }, "Show "), filter),
    el("p", { class: "muted", id: "queue-live", role: "status" }, `${data.escalations.length} escalation(s); new ones appear here live.`),
    data.escalations.length === 0 ? el("p", {}, "Nothing waiting.") :
      el("table", { class: "queue" },
        el("caption", { class: "sa-sr" }, "Escalations, highest priority and oldest first"),
        el("thead", {}, el("tr", {}, ...["Priority", "Age", "Category", "Urgency", "Sentiment", "Reason", "Summary", "SLA"].map((h) => el("th", { scope: "col" }, h)))),
        el("tbody", {}, rows)));
}
