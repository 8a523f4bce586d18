import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";
import { priorityLabel, reasonLabel, time } from "./format.js";

// One escalation with everything needed to act on it: transcript, retrieved passages, the agent's draft, the decision record.
export async function renderEscalation(main, session, id, hub) {
  const data = await api(tenantPath(session, `escalations/${encodeURIComponent(id)}/transcript`));
  const e = data.escalation;
  const base = tenantPath(session, `escalations/${encodeURIComponent(id)}`);
  const notice = el("p", { role: "status", class: "notice" });
  const transcript = el("ol", { class: "transcript", "aria-label": "Transcript" }, data.messages.map(messageItem));
  const draft = el("textarea", { id: "reply-text", rows: "6" });
  draft.value = e.draft || "";
  let lastTyping = 0;
  draft.addEventListener("input", () => {
    if (Date.now() - lastTyping > 2000) { lastTyping = Date.now(); hub.invoke("Typing", e.conversationId).catch(() => {}); }
  });
  const send = el("button", { type: "submit" }, "Send reply");
  const replyForm = el("form", { class: "reply" }, el("label", { for: "reply-text" }, "Reply to the customer (edit the agent's draft)"), draft, send);
  replyForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!draft.value.trim()) return;
    send.disabled = true;
    try {
      const message = await api(`${base}/reply`, { method: "POST", body: { text: draft.value } });
      transcript.append(messageItem(message));
      notice.textContent = "Reply sent; the customer sees it now.";
    } catch (err) { notice.textContent = err.message; } finally { send.disabled = false; }
  });

  const save = el("input", { type: "checkbox", id: "save-approved", checked: true });
  const resolve = el("button", { type: "button", disabled: e.status === "resolved" }, e.status === "resolved" ? "Resolved" : "Resolve");
  resolve.addEventListener("click", async () => {
    try {
      const result = await api(`${base}/resolve`, { method: "POST", body: { saveAsApproved: save.checked } });
      resolve.disabled = true;
      resolve.textContent = "Resolved";
      notice.textContent = result.approvedAnswer ? "Resolved; saved as an approved answer." : "Resolved.";
    } catch (err) { notice.textContent = err.message; }
  });

  const verdict = (correct) => async () => {
    try {
      await api(`${base}/verdict`, { method: "POST", body: { correct } });
      notice.textContent = `Marked the agent's answer ${correct ? "correct" : "incorrect"}.`;
    } catch (err) { notice.textContent = err.message; }
  };
  const d = data.decision;
  main.replaceChildren(
    el("p", {}, el("a", { href: "#/queue" }, "← Queue")),
    el("h1", {}, e.summary),
    el("p", { class: "meta" }, `${priorityLabel(e.priority)} priority · ${reasonLabel(e.reason)} · ${e.category || "uncategorised"} · urgency ${e.urgency || "—"} · sentiment ${e.sentiment || "—"} · opened ${time(e.createdAt)}`,
      e.overdue ? el("strong", { class: "sla-late" }, " · past the first-response target") : ""),
    notice,
    el("div", { class: "columns" },
      el("section", { "aria-labelledby": "h-transcript" }, el("h2", { id: "h-transcript" }, "Conversation"), transcript, replyForm,
        el("div", { class: "actions" }, el("label", {}, save, " Save question and reply as an approved answer"), resolve)),
      el("aside", {},
        el("h2", {}, "Passages the agent retrieved"),
        e.sources.length ? el("ol", { class: "sources" }, e.sources.map((s) => el("li", {}, el("strong", {}, s.title + (s.heading ? ` — ${s.heading}` : "")), el("p", {}, s.snippet)))) : el("p", {}, "None."),
        el("h2", {}, "Decision record"),
        d ? el("dl", { class: "decision" }, ...[["Action", d.action], ["Reason", reasonLabel(d.reason)], ["All reasons", d.reasons.map(reasonLabel).join(", ") || "—"],
          ["Top score", d.topScore.toFixed(2)], ["Model", d.model], ["Latency", `${d.latencyMs} ms`], ["At", time(d.createdAt)]]
          .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))])) : el("p", {}, "None."),
        el("h2", {}, "Was the agent right?"),
        el("p", { class: "muted" }, data.agentAnswerCorrect === null ? "Not judged yet." : `Judged ${data.agentAnswerCorrect ? "correct" : "incorrect"}.`),
        el("div", { class: "actions" }, el("button", { type: "button", onclick: verdict(true) }, "Correct"), el("button", { type: "button", onclick: verdict(false) }, "Incorrect")))));
  await hub.invoke("JoinConversation", e.conversationId, null).catch(() => {});
  return { conversationId: e.conversationId, add: (m) => { if (!transcript.querySelector(`[data-id="${CSS.escape(m.id)}"]`)) transcript.append(messageItem(m)); } };
}

function messageItem(m) {
  return el("li", { class: `m-${m.role}`, "data-id": m.id }, el("span", { class: "who" }, m.role), el("p", {}, m.text));
}
