import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";

// Admins curate the approved answers that short-circuit matching questions.
export async function renderApproved(main, session) {
  if (session.role !== "admin") return main.replaceChildren(el("h1", {}, "Approved answers"), el("p", {}, "Only admins can manage approved answers."));
  const path = tenantPath(session, "approved-answers");
  const { approvedAnswers } = await api(path);
  const notice = el("p", { role: "status", class: "notice" });
  const reload = () => renderApproved(main, session);
  const editor = (item) => {
    const q = el("textarea", { rows: "2", "aria-label": "Question" });
    const a = el("textarea", { rows: "4", "aria-label": "Answer" });
    q.value = item?.question ?? "";
    a.value = item?.answer ?? "";
    const save = el("button", { type: "submit" }, item ? "Save" : "Add");
    const form = el("form", { class: "approved" }, q, a, el("div", { class: "actions" }, save,
      item ? el("button", { type: "button", class: "danger", onclick: async () => {
        if (!confirm("Delete this approved answer?")) return;
        await api(`${path}/${encodeURIComponent(item.id)}`, { method: "DELETE" }).then(reload, (err) => { notice.textContent = err.message; });
      } }, "Delete") : "",
      item ? el("span", { class: "muted" }, `used ${item.hits} time(s)`) : ""));
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        await api(item ? `${path}/${encodeURIComponent(item.id)}` : path, { method: item ? "PUT" : "POST", body: { question: q.value, answer: a.value } });
        await reload();
      } catch (err) { notice.textContent = err.message; }
    });
    return form;
  };
  main.replaceChildren(
    el("h1", {}, "Approved answers"),
    el("p", { class: "muted" }, "A customer question close enough to one of these gets its answer directly, cited as “approved answer”."),
    notice,
    el("h2", {}, "Add"), editor(null),
    el("h2", {}, `Saved (${approvedAnswers.length})`),
    el("ul", { class: "plain" }, approvedAnswers.map((item) => el("li", {}, editor(item)))));
}
