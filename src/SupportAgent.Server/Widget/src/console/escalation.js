import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";
import { humanise, priorityLabel, reasonLabel, time } from "./format.js";
import { createNotice } from "./notice.js";
import { heading, showView } from "./view.js";

// One escalation with everything needed to act on it: transcript, retrieved passages, the agent's draft, the decision record.
export async function renderEscalation(main, session, id, hub) {
  const data = await api(tenantPath(session, `escalations/${encodeURIComponent(id)}/transcript`));
  const e = data.escalation;
  const base = tenantPath(session, `escalations/${encodeURIComponent(id)}`);
  let resolved = e.status === "resolved";
  // The transcript is where news arrives (the customer writing, colleagues replying): a log, read out as it grows.
  const transcript = el("ol", { class: "transcript" });
  const log = el("div", { role: "log", "aria-label": "Conversation transcript" }, transcript);
  const add = (m) => { if (!transcript.querySelector(`[data-id="${CSS.escape(m.id)}"]`)) transcript.append(messageItem(m)); };
  data.messages.forEach(add);

  const { form: replyForm, notice: replyNotice } = replyBox(e, base, hub, add, () => resolved);
  const resolveNotice = createNotice();
  const save = el("input", { type: "checkbox", id: "save-approved" });
  const resolve = el("button", { type: "button", disabled: resolved }, resolved ? "Resolved" : "Resolve");
  resolve.addEventListener("click", async () => {
    try {
      const result = await api(`${base}/resolve`, { method: "POST", body: { saveAsApproved: save.checked } });
      resolved = true;
      resolve.disabled = true;
      resolve.textContent = "Resolved";
      replyForm.querySelector("label").textContent = "Follow-up to the customer (the escalation stays resolved)";
      resolveNotice.success(result.approvedAnswer ? "Resolved; saved as an approved answer." : "Resolved.");
    } catch (err) { resolveNotice.error(err.message); }
  });

  const d = data.decision;
  showView(main, e.summary,
    el("p", {}, el("a", { href: "#/queue" }, "← Queue")),
    heading(),
    el("p", { class: "meta" }, `${priorityLabel(e.priority)} priority · ${reasonLabel(e.reason)} · ${humanise(e.category, "Uncategorised")} · urgency ${humanise(e.urgency)} · sentiment ${humanise(e.sentiment)} · opened ${time(e.createdAt)}`,
      e.overdue ? el("strong", { class: "sla-late" }, " · past the first-response target") : ""),
    el("div", { class: "columns" },
      el("section", { "aria-labelledby": "h-transcript" }, el("h2", { id: "h-transcript" }, "Conversation"), log, replyForm, replyNotice.node,
        el("div", { class: "actions" }, el("label", { for: "save-approved" }, save, " Save question and reply as an approved answer"), resolve),
        resolveNotice.node),
      el("aside", { "aria-label": "What the agent did" },
        el("h2", {}, "Passages the agent retrieved"),
        e.sources.length ? el("ol", { class: "sources" }, e.sources.map((s) => el("li", {}, el("strong", {}, s.title + (s.heading ? ` — ${s.heading}` : "")), el("p", {}, s.snippet)))) : el("p", {}, "None."),
        el("h2", {}, "Decision record"),
        d ? el("dl", { class: "decision" }, ...[["Action", humanise(d.action)], ["Reason", reasonLabel(d.reason)], ["All reasons", d.reasons.map(reasonLabel).join(", ") || "—"],
          ["Top score", d.topScore.toFixed(2)], ["Model", d.model], ["Latency", `${d.latencyMs} ms`], ["At", time(d.createdAt)]]
          .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, String(v))])) : el("p", {}, "None."),
        verdictBox(base, data.agentAnswerCorrect))));
  await hub.invoke("JoinConversation", e.conversationId, null).catch(() => {});
  return { conversationId: e.conversationId, add };
}

function replyBox(e, base, hub, add, isResolved) {
  const notice = createNotice();
  const draft = el("textarea", { id: "reply-text", rows: "6" });
  draft.value = e.draft || "";
  let lastTyping = 0;
  draft.addEventListener("input", () => {
    if (Date.now() - lastTyping > 2000) { lastTyping = Date.now(); hub.invoke("Typing", e.conversationId).catch(() => {}); }
  });
  const label = isResolved() ? "Follow-up to the customer (the escalation stays resolved)"
    : e.draft ? "Reply to the customer (edit the agent's draft)" : "Reply to the customer";
  const send = el("button", { type: "submit" }, "Send reply");
  const form = el("form", { class: "reply" }, el("label", { for: "reply-text" }, label), draft, send);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (!draft.value.trim()) return notice.error("Write a reply first.");
    send.disabled = true;
    try {
      // The hub may have delivered this message already: add() shows each message once.
      add(await api(`${base}/reply`, { method: "POST", body: { text: draft.value } }));
      draft.value = "";
      notice.success(isResolved() ? "Follow-up sent; the customer sees it now. The escalation stays resolved." : "Reply sent; the customer sees it now.");
    } catch (err) { notice.error(err.message); } finally { send.disabled = false; }
  });
  return { form, notice };
}

function verdictBox(base, initial) {
  const notice = createNotice();
  const state = el("p", { class: "muted", id: "verdict-state" });
  const buttons = [true, false].map((correct) => el("button", { type: "button", "aria-pressed": String(initial === correct) }, correct ? "Correct" : "Incorrect"));
  const show = (judged) => {
    state.textContent = judged === null || judged === undefined ? "Not judged yet." : `Judged ${judged ? "correct" : "incorrect"}.`;
    buttons.forEach((b, i) => b.setAttribute("aria-pressed", String(judged === (i === 0))));
  };
  buttons.forEach((b, i) => b.addEventListener("click", async () => {
    const correct = i === 0;
    try {
      await api(`${base}/verdict`, { method: "POST", body: { correct } });
      show(correct);
      notice.success(`Marked the agent's answer ${correct ? "correct" : "incorrect"}.`);
    } catch (err) { notice.error(err.message); }
  }));
  show(initial);
  return el("section", { "aria-labelledby": "h-verdict" }, el("h2", { id: "h-verdict" }, "Was the agent right?"), state,
    el("div", { class: "actions" }, ...buttons), notice.node);
}

const speakers = { customer: "Customer", assistant: "Agent", staff: "Support team" };

function messageItem(m) {
  return el("li", { class: `m-${m.role}`, "data-id": m.id }, el("span", { class: "who" }, speakers[m.role] ?? humanise(m.role)), el("p", {}, m.text));
}
