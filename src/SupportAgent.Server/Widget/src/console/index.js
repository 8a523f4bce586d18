import { HubConnectionBuilder, LogLevel } from "@microsoft/signalr";
import { el } from "../shared/dom.js";
import { api, ApiError } from "./api.js";
import { renderAdapter } from "./adapter.js";
import { renderAnalytics } from "./analytics.js";
import { renderApproved } from "./approved.js";
import { renderDocuments } from "./documents.js";
import { renderEscalation } from "./escalation.js";
import { renderQueue } from "./queue.js";
import { heading, showView } from "./view.js";
import { setupNavigation } from "./navigation.js";

// The staff/admin console: sign in with a key (exchanged for an HttpOnly cookie), then hash-routed pages over the API.
const main = document.getElementById("app");
const nav = setupNavigation();
let session = null;
let hub = null;
let current = null; // what the open view exposes to live events: { conversationId?, add?, refresh? }

async function boot() {
  try {
    session = await api("/console/session");
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signIn();
    throw err;
  }
  nav.show(session);
  await connectHub();
  await route();
}

function signIn(message) {
  session = null;
  nav.hide();
  const key = el("input", { type: "password", id: "key", autocomplete: "current-password", required: true, "aria-describedby": "signin-error" });
  const error = el("p", { role: "alert", class: "error", id: "signin-error" }, message || "");
  const form = el("form", { class: "signin", "aria-labelledby": "view-heading" }, heading(), el("label", { for: "key" }, "Staff or admin key"), key, error,
    el("button", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    try {
      await api("/console/session", { method: "POST", body: { key: key.value } });
      await boot();
    } catch (err) { error.textContent = err.message; key.focus(); }
  });
  showView(main, "Sign in", form);
  key.focus();
}

async function connectHub() {
  // Same origin, so the session cookie authenticates the hub too; staff connections join the tenant's queue group.
  hub = new HubConnectionBuilder().withUrl("/hubs/chat").withAutomaticReconnect().configureLogging(LogLevel.Warning).build();
  // A live event refreshes the queue's rows in place (same filter, same focus); it never rebuilds or navigates.
  const refreshQueue = () => current?.refresh?.().catch(() => {});
  hub.on("EscalationCreated", refreshQueue);
  hub.on("EscalationUpdated", refreshQueue);
  hub.on("MessageAdded", (m) => { if (current?.conversationId === m.conversationId) current.add(m); });
  hub.onreconnected(refreshQueue);
  await hub.start();
}

async function route() {
  current = null;
  const [page = "", id] = location.hash.replace(/^#\/?/, "").split("/");
  nav.mark(page === "escalations" || !page ? "queue" : page);
  try {
    if (page === "escalations" && id) current = await renderEscalation(main, session, decodeURIComponent(id), hub);
    else if (page === "approved") await renderApproved(main, session);
    else if (page === "documents") await renderDocuments(main, session);
    else if (page === "adapter") await renderAdapter(main, session);
    else if (page === "analytics") await renderAnalytics(main, session);
    else current = await renderQueue(main, session, id);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return signIn("Your session has ended; sign in again.");
    showView(main, "Something went wrong", heading(), el("p", { role: "alert", class: "error" }, err.message));
  }
}

window.addEventListener("hashchange", () => { if (session) route(); });
nav.onSignOut(async () => {
  await api("/console/session", { method: "DELETE" }).catch(() => {});
  await hub?.stop();
  history.replaceState(null, "", location.pathname);
  signIn();
});

boot().catch((err) => showView(main, "Something went wrong", heading(), el("p", { role: "alert", class: "error" }, err.message)));
