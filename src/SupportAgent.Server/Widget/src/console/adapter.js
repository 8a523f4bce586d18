import { el } from "../shared/dom.js";
import { api, ApiError, tenantPath } from "./api.js";
import { time } from "./format.js";
import { createNotice } from "./notice.js";
import { heading, showView } from "./view.js";

// Admins see the tenant's LoRA adapter (status, why, last evaluation against the base model), register or replace it,
// run the evaluation gate with a JSONL file, force-activate with a reason, or remove it.
export async function renderAdapter(main, session, done) {
  if (session.role !== "admin") return showView(main, "LoRA adapter", heading(), el("p", {}, "Only admins can manage the adapter."));
  const path = tenantPath(session, "adapter");
  let adapter = null;
  try { adapter = await api(path); } catch (err) { if (!(err instanceof ApiError && err.status === 404)) throw err; }

  // An action that changes the adapter re-renders the page, then shows its confirmation next to where it was taken;
  // a refusal stays put without re-rendering, so what the admin typed is kept.
  const act = (notice, where) => async (work) => {
    try {
      const message = await work();
      if (message === undefined) return;
      await renderAdapter(main, session, { where, message });
    } catch (err) { notice.error(err.message); }
  };
  const notices = { summary: createNotice(), register: createNotice() };
  showView(main, "LoRA adapter", heading(),
    adapter ? summary(adapter, path, notices.summary, act(notices.summary, "summary")) : el("p", {}, "No adapter registered: every answer uses the base model."),
    registerForm(adapter, path, notices.register, act(notices.register, "register")));
  if (done) notices[done.where].success(done.message);
}

function summary(a, path, notice, act) {
  const file = el("input", { type: "file", id: "eval-file", accept: ".jsonl,.ndjson,.txt" });
  const comparison = a.lastComparison;
  return el("section", { "aria-label": "Current adapter" },
    el("dl", { class: "facts" },
      el("dt", {}, "Model name"), el("dd", {}, el("code", {}, a.name)),
      el("dt", {}, "Base model"), el("dd", {}, a.baseModel),
      el("dt", {}, "Endpoint"), el("dd", {}, a.endpoint),
      el("dt", {}, "Status"), el("dd", {}, el("span", { class: `status s-${a.status}`, id: "adapter-status" }, a.status), a.statusReason ? ` — ${a.statusReason}` : ""),
      el("dt", {}, "Last evaluation"), el("dd", {}, comparison ? `${comparison.passed ? "passed" : "failed"} on ${comparison.cases} cases (${time(comparison.evaluatedAt)}): ${comparison.verdict}` : "none yet")),
    el("div", { class: "field" }, el("label", { for: "eval-file" }, "Evaluate against the base model (a JSONL file of cases)"), file),
    el("div", { class: "actions" },
      el("button", { type: "button", onclick: () => {
        if (!file.files.length) return notice.error("Choose a JSONL file of evaluation cases first.");
        notice.success("Evaluating: every case runs on the base model and on the adapter…");
        return act(async () => {
          const response = await fetch(`${path}/evaluate`, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/x-ndjson" }, body: await file.files[0].text() });
          const json = await response.json().catch(() => null);
          if (!response.ok) throw new Error(json?.detail || `The server answered ${response.status}.`);
          return `Evaluation ${json.comparison.passed ? "passed: the adapter is active" : "failed: the adapter stays inactive"}. ${json.comparison.verdict}`;
        });
      } }, "Run evaluation"),
      el("button", { type: "button", onclick: () => {
        const reason = prompt("Why activate without a passing evaluation? (recorded)");
        if (!reason) return notice.error("Activation needs a reason.");
        return act(async () => { await api(`${path}/activate`, { method: "POST", body: { reason } }); return "Activated."; });
      } }, "Force-activate"),
      el("button", { type: "button", class: "danger", onclick: () => {
        if (!confirm(`Remove adapter “${a.name}”? The base model answers from then on.`)) return;
        return act(async () => { await api(path, { method: "DELETE" }); return "Adapter removed."; });
      } }, "Remove")),
    notice.node);
}

function registerForm(a, path, notice, act) {
  const field = (id, label, value = "", type = "text") => [el("label", { for: id }, label), el("input", { id, type, value, required: type !== "password" })];
  const form = el("form", { class: "stack", "aria-labelledby": "h-register" },
    el("h2", { id: "h-register" }, a ? "Replace the adapter" : "Register an adapter"),
    ...field("adapter-name", "Model name served by vLLM/LoRAX", a?.name),
    ...field("adapter-base", "Base model", a?.baseModel),
    ...field("adapter-endpoint", "OpenAI-compatible endpoint (…/v1)", a?.endpoint, "url"),
    ...field("adapter-key", "API key (optional, stored encrypted)", "", "password"),
    el("button", { type: "submit" }, a ? "Replace" : "Register"),
    notice.node);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = (id) => form.querySelector(`#${id}`).value.trim();
    act(async () => {
      await api(path, { method: "PUT", body: { name: value("adapter-name"), baseModel: value("adapter-base"), endpoint: value("adapter-endpoint"), apiKey: value("adapter-key") || null } });
      return "Registered: it gets traffic once it passes an evaluation or is force-activated.";
    });
  });
  return form;
}
