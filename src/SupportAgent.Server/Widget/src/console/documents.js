import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";
import { time } from "./format.js";

// Admins upload (drag and drop or pick), watch ingestion status, and delete documents.
let poll = null;

export async function renderDocuments(main, session) {
  clearTimeout(poll);
  if (session.role !== "admin") return main.replaceChildren(el("h1", {}, "Documents"), el("p", {}, "Only admins can manage documents."));
  const path = tenantPath(session, "documents");
  const notice = el("div", { role: "status", class: "notice" });
  const picker = el("input", { type: "file", id: "doc-files", multiple: true, accept: ".md,.txt,.html,.htm,.pdf,.docx,.jsonl" });
  const drop = el("div", { class: "dropzone", id: "dropzone" },
    el("p", {}, "Drop .md, .txt, .html, .pdf, .docx or .jsonl files here, or "), el("label", { for: "doc-files", class: "button" }, "choose files"), picker);
  const table = el("div");
  const upload = async (files) => {
    if (!files.length) return;
    const form = new FormData();
    for (const f of files) form.append("file", f, f.name);
    notice.textContent = `Uploading ${files.length} file(s)…`;
    try {
      const result = await api(path, { method: "POST", form });
      notice.replaceChildren(el("ul", { class: "plain" }, result.documents.map((d) =>
        el("li", {}, `${d.file ?? d.id}: ${d.error ? `failed — ${d.error}` : d.status}`))));
    } catch (err) { notice.textContent = err.message; }
    await refresh();
  };
  picker.addEventListener("change", () => upload([...picker.files]));
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); upload([...e.dataTransfer.files]); });

  const refresh = async () => {
    clearTimeout(poll);
    if (!main.contains(table)) return; // navigated away
    const { documents } = await api(path);
    table.replaceChildren(documents.length === 0 ? el("p", {}, "No documents yet.") : el("table", {},
      el("thead", {}, el("tr", {}, ...["Title", "Id", "Status", "Chunks", "Error", "Updated", ""].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, documents.map((d) => el("tr", {},
        el("td", {}, d.title), el("td", {}, el("code", {}, d.id)), el("td", {}, el("span", { class: `status s-${d.status}` }, d.status)),
        el("td", {}, String(d.chunkCount)), el("td", { class: "error" }, d.error || ""), el("td", {}, time(d.updatedAt)),
        el("td", {}, el("button", { type: "button", class: "danger", "aria-label": `Delete ${d.title}`, onclick: async () => {
          if (!confirm(`Delete “${d.title}” and all its chunks?`)) return;
          try { await api(`${path}/${encodeURIComponent(d.id)}`, { method: "DELETE" }); } catch (err) { notice.textContent = err.message; }
          await refresh();
        } }, "Delete")))))));
    // Ingestion runs in the background: keep polling while anything is still on its way.
    if (documents.some((d) => d.status === "pending" || d.status === "indexing")) poll = setTimeout(refresh, 2000);
  };
  main.replaceChildren(el("h1", {}, "Documents"), drop, notice, table);
  await refresh();
}
