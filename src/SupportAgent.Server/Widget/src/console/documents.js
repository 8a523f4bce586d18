import { el } from "../shared/dom.js";
import { api, tenantPath } from "./api.js";
import { time } from "./format.js";
import { createNotice } from "./notice.js";
import { heading, keepingFocus, showView, table } from "./view.js";

// Admins upload (drag and drop or pick), watch ingestion status, and delete documents.
let poll = null;

export async function renderDocuments(main, session) {
  clearTimeout(poll);
  if (session.role !== "admin") return showView(main, "Documents", heading(), el("p", {}, "Only admins can manage documents."));
  const path = tenantPath(session, "documents");
  const uploadNotice = createNotice();
  const listNotice = createNotice();
  const picker = el("input", { type: "file", id: "doc-files", multiple: true, accept: ".md,.txt,.html,.htm,.pdf,.docx,.jsonl" });
  const drop = el("div", { class: "dropzone", id: "dropzone" },
    el("label", { for: "doc-files" }, "Add documents (.md, .txt, .html, .pdf, .docx or .jsonl): choose files or drop them here"), picker);
  const list = el("div", { id: "document-list" });
  const upload = async (files) => {
    if (!files.length) return;
    const form = new FormData();
    for (const f of files) form.append("file", f, f.name);
    uploadNotice.success(`Uploading ${files.length} file(s)…`);
    try {
      const result = await api(path, { method: "POST", form });
      const failed = result.documents.filter((d) => d.error);
      const lines = result.documents.map((d) => `${d.file ?? d.id}: ${d.error ? `failed — ${d.error}` : d.status}`).join("\n");
      if (failed.length) uploadNotice.error(lines); else uploadNotice.success(lines);
    } catch (err) { uploadNotice.error(err.message); }
    picker.value = "";
    await refresh();
  };
  picker.addEventListener("change", () => upload([...picker.files]));
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); upload([...e.dataTransfer.files]); });

  const fill = async () => {
    const { documents } = await api(path);
    list.replaceChildren(documents.length === 0 ? el("p", {}, "No documents yet.") : table("Documents of this tenant",
      ["Title", "Id", "Status", "Chunks", "Error", "Updated", "Actions"],
      documents.map((d) => ({ cells: [
        d.title, el("code", {}, d.id), el("span", { class: `status s-${d.status}` }, d.status), String(d.chunkCount),
        { class: "error", content: d.error || "" }, time(d.updatedAt),
        el("button", { type: "button", class: "danger", id: `delete-${d.id}`, "aria-label": `Delete ${d.title}`, onclick: async () => {
          if (!confirm(`Delete “${d.title}” and all its chunks?`)) return;
          try { await api(`${path}/${encodeURIComponent(d.id)}`, { method: "DELETE" }); listNotice.success(`Deleted “${d.title}”.`); } catch (err) { listNotice.error(err.message); }
          await refresh();
        } }, "Delete")] }))));
    return documents;
  };
  const refresh = async () => {
    clearTimeout(poll);
    if (!main.contains(list)) return; // navigated away
    let documents = [];
    await keepingFocus(list, (n) => n.id, async () => { documents = await fill(); });
    // Ingestion runs in the background: keep polling while anything is still on its way.
    if (documents.some((d) => d.status === "pending" || d.status === "indexing")) poll = setTimeout(refresh, 2000);
  };
  await fill();
  showView(main, "Documents", heading(), drop, uploadNotice.node, listNotice.node, list);
  await refresh();
}
