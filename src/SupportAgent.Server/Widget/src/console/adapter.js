import { el } from "../shared/dom.js";
import { api, ApiError, tenantPath } from "./api.js";
import { time } from "./format.js";

// Admins see the tenant's LoRA adapter (status, why, last evaluation against the base model), register or replace it,
// run the evaluation gate with a JSONL file, force-activate with a reason, or remove it.
export async function renderAdapter(main, session) {
  if (session.role !== "admin") return main.replaceChildren(el("h1", {}, "Adapter"), el("p", {}, "Only admins can manage the adapter."));
  const path = tenantPath(session, "adapter");
  const notice = el("div", { role: "status", class: "notice" });
  let adapter = null;
  try { adapter = await api(path); } catch (err) { if (!(err instanceof ApiError && err.status === 404)) throw err; }

  const act = async (work) => {
    try { notice.textContent = (await work()) || ""; await renderAdapter(main, session); } catch (err) { notice.textContent = err.message; }
  };
  main.replaceChildren(el("h1", {}, "LoRA adapter"), notice, adapter ? summary(adapter, path, act) : el("p", {}, "No adapter registered: every answer uses the base model."),
    registerForm(adapter, path, act));
}

function summary(a, path, act) {
  const file = el("input", { type: "file", id: "eval-file", accept: ".jsonl,.ndjson,.txt" });
  const comparison = a.lastComparison;
  return el("section", { "aria-label": "Current adapter" },
    el("dl", { class: "facts" },
      el("dt", {}, "Model name"), el("dd", {}, el("code", {}, a.name)),
      el("dt", {}, "Base model"), el("dd", {}, a.baseModel),
      el("dt", {}, "Endpoint"), el("dd", {}, a.endpoint),
      el("dt", {}, "Status"), el("dd", {}, el("span", { class: `status s-${a.status}`, id: "adapter-status" }, a.status), a.statusReason ? ` — ${a.statusReason}` : ""),
      el("dt", {}, "Last evaluation"), el("dd", {}, comparison ? `${comparison.passed ? "passed" : "failed"} on ${comparison.cases} cases (${time(comparison.evaluatedAt)}): ${comparison.verdict}` : "none yet")),
    el("p", {}, el("label", { for: "eval-file" }, "Evaluate against the base model (JSONL cases): "), file,
      el("button", { type: "button", onclick: () => act(async () => {
        if (!file.files.length) return "Choose a JSONL file of evaluation cases first.";
        const response = await fetch(`${path}/evaluate`, { method: "POST", credentials: "same-origin", headers: { "Content-Type": "application/x-ndjson" }, body: await file.files[0].text() });
        const json = await response.json().catch(() => null);
        if (!response.ok) throw new Error(json?.detail || `HTTP ${response.status}`);
        return `Evaluation ${json.comparison.passed ? "passed: the adapter is active" : "failed: the adapter stays inactive"}. ${json.comparison.verdict}`;
      }) }, "Run evaluation")),
    el("p", {},
      el("button", { type: "button", onclick: () => act(async () => {
        const reason = prompt("Why activate without a passing evaluation? (recorded)");
        if (!reason) return "Activation needs a reason.";
        await api(`${path}/activate`, { method: "POST", body: { reason } });
        return "Activated.";
      }) }, "Force-activate"), " ",
      el("button", { type: "button", class: "danger", onclick: () => act(async () => {
        if (!confirm(`Remove adapter “${a.name}”? The base model answers from then on.`)) return "";
        await api(path, { method: "DELETE" });
        return "Adapter removed.";
      }) }, "Remove")));
}

function registerForm(a, path, act) {
  const field = (id, label, value = "", type = "text") => [el("label", { for: id }, label), el("input", { id, type, value, required: type !== "password" })];
  const form = el("form", { class: "stack", "aria-label": "Register adapter" },
    el("h2", {}, a ? "Replace the adapter" : "Register an adapter"),
    ...field("adapter-name", "Model name served by vLLM/LoRAX", a?.name),
    ...field("adapter-base", "Base model", a?.baseModel),
    ...field("adapter-endpoint", "OpenAI-compatible endpoint (…/v1)", a?.endpoint, "url"),
    ...field("adapter-key", "API key (optional, stored encrypted)", "", "password"),
    el("button", { type: "submit" }, a ? "Replace" : "Register"));
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
