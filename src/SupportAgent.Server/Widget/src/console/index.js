import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import { el } from "../shared/dom.js";
import { api, ApiError } from "./api.js";
import { renderAdapter } from "./adapter.js";
import { renderApproved } from "./approved.js";
import { renderDocuments } from "./documents.js";
import { renderEscalation } from "./escalation.js";
import { renderQueue } from "./queue.js";

// The staff/admin console: sign in with a key (exchanged for an HttpOnly cookie), then hash-routed pages over the API.
const main = document.getElementById("app");
const nav = document.getElementById("nav");
let session = null;
let hub = null;
let current = null; // the open escalation view, for live messages

async function boot() {
  try {
    session = await api("/console/session");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signIn();
    throw err;
  }
  nav.hidden = false;
  await connectHub();
  await route();
}

function signIn(message) {
  nav.hidden = true;
  const key = el("input", { type: "password", id: "key", autocomplete: "current-password", required: true });
  const error = el("p", { role: "alert", class: "error" }, message || "");
  const form = el("form", { class: "signin" }, el("h1", {}, "Sign in"), el("label", { for: "key" }, "Staff or admin key"), key, error, el("button", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("/console/session", { method: "POST", body: { key: key.value } });
      await boot();
    } catch (err) { error.textContent = err.message; }
  });
  main.replaceChildren(form);
  key.focus();
}

async function connectHub() {
  // Same origin, so the session cookie authenticates the hub too; staff connections join the tenant's queue group.
  hub = new HubConnectionBuilder().withUrl("/hubs/chat").withAutomaticReconnect().configureLogging(LogLevel.Warning).build();
  const refreshQueue = () => { if (pageOf(location.hash) === "queue") route(); };
  hub.on("EscalationCreated", refreshQueue);
  hub.on("EscalationUpdated", refreshQueue);
  hub.on("MessageAdded", (m) => { if (current?.conversationId === m.conversationId) current.add(m); });
  hub.onreconnected(refreshQueue);
  await hub.start();
}

const pageOf = (hash) => (hash.replace(/^#\/?/, "").split("/")[0] || "queue");

async function route() {
  current = null;
  const [page, id] = location.hash.replace(/^#\/?/, "").split("/");
  for (const a of nav.querySelectorAll("a")) a.toggleAttribute("aria-current", a.getAttribute("href") === `#/${page || "queue"}`);
  try {
    if (page === "escalations" && id) current = await renderEscalation(main, session, decodeURIComponent(id), hub);
    else if (page === "approved") await renderApproved(main, session);
    else if (page === "documents") await renderDocuments(main, session);
    else if (page === "adapter") await renderAdapter(main, session);
    else await renderQueue(main, session);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signIn("Your session has ended; sign in again.");
    main.replaceChildren(el("p", { role: "alert", class: "error" }, err.message));
  }
}

window.addEventListener("hashchange", () => { if (session) route(); });
document.getElementById("sign-out").addEventListener("click", async () => {
  await api("/console/session", { method: "DELETE" });
  await hub?.stop();
  session = null;
  location.hash = "";
  signIn();
});

boot().catch((err) => main.replaceChildren(el("p", { role: "alert", class: "error" }, err.message)));
