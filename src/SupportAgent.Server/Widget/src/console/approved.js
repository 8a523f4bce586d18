import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";
import { createNotice } from "./notice.js";
import { heading, showView } from "./view.js";

// Admins curate the approved answers that short-circuit matching questions.
export async function renderApproved(main, session, message) {
  if (session.role !== "admin") return showView(main, "Approved answers", heading(), el("p", {}, "Only admins can manage approved answers."));
  const path = tenantPath(session, "approved-answers");
  const { approvedAnswers } = await api(path);
  const reload = (text) => renderApproved(main, session, text);
  const top = createNotice();
  const editor = (item, n) => {
    const notice = createNotice();
    const prefix = item ? `approved-${n}` : "approved-new";
    const q = el("textarea", { rows: "2", id: `${prefix}-q` });
    const a = el("textarea", { rows: "4", id: `${prefix}-a` });
    q.value = item?.question ?? "";
    a.value = item?.answer ?? "";
    const form = el("form", { class: "approved", "aria-label": item ? `Approved answer ${n}` : "New approved answer" },
      el("label", { for: q.id }, "Question"), q, el("label", { for: a.id }, "Answer"), a,
      el("div", { class: "actions" }, el("button", { type: "submit" }, item ? "Save" : "Add"),
        item ? el("button", { type: "button", class: "danger", onclick: async () => {
          if (!confirm("Delete this approved answer?")) return;
          try { await api(`${path}/${encodeURIComponent(item.id)}`, { method: "DELETE" }); await reload("Deleted."); } catch (err) { notice.error(err.message); }
        } }, "Delete") : "",
        item ? el("span", { class: "muted" }, `used ${item.hits} time(s)`) : ""),
      notice.node);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      try {
        await api(item ? `${path}/${encodeURIComponent(item.id)}` : path, { method: item ? "PUT" : "POST", body: { question: q.value, answer: a.value } });
        await reload(item ? "Saved." : "Added.");
      } catch (err) { notice.error(err.message); }
    });
    return form;
  };
  showView(main, "Approved answers", heading(),
    el("p", { class: "muted" }, "A customer question close enough to one of these gets its answer directly, cited as “approved answer”."),
    top.node,
    el("h2", {}, "Add"), editor(null),
    el("h2", {}, `Saved (${approvedAnswers.length})`),
    approvedAnswers.length ? el("ul", { class: "plain" }, approvedAnswers.map((item, i) => el("li", {}, editor(item, i + 1)))) : el("p", {}, "None yet."));
  if (message) top.success(message);
}
