import { HubConnectionState } from "@microsoft/signalr";
import { readConfig } from "./config.js";
import { createConnection, startWithRetry } from "./connection.js";
import { createView } from "./view.js";

// SupportAgent chat widget: <script src=".../widget.js" data-tenant="…" data-key="…" [data-title="…"]> adds a launcher and a chat panel.
const config = readConfig();
const HUMAN_REQUEST = "I'd like to talk to a person, please.";
const connection = createConnection(config);
// The saved session is {id, token}: the token is the conversation's secret, the server refuses the id without it and
// after the tenant's session lifetime, so an old or foreign entry simply starts a new conversation.
let { id: conversationId = null, token: conversationToken = null, handedOff = false } = readSession();
let started = null;
let typingTimer = null;

const view = createView(config, { onOpen: () => ensureStarted(), onSend: send, onHuman: () => send(HUMAN_REQUEST) });
loadSettings();

connection.on("MessageAdded", (message) => {
  // The widget shows its own messages and the agent's streamed replies itself; live pushes matter for staff replies.
  if (message.conversationId !== conversationId || message.role !== "staff" || view.has(message.id)) return;
  view.hideTyping();
  view.addMessage(message);
  view.announce(`Support team: ${message.text}`);
});
connection.on("StaffTyping", (id) => {
  if (id !== conversationId) return;
  view.showTyping("Support");
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => view.hideTyping(), 4000);
});
connection.onreconnecting(() => view.setStatus("Connection lost — reconnecting…"));
connection.onreconnected(async () => {
  view.setStatus("");
  await restore(); // staff may have replied while we were away
});

function ensureStarted() {
  started ??= (async () => {
    await startWithRetry(connection, () => view.setStatus("Connecting…"));
    view.setStatus("");
    await restore();
  })();
  return started;
}

/** Re-joins the persisted conversation and shows any message not on screen yet. */
async function restore() {
  if (!conversationId) return;
  try {
    await connection.invoke("JoinConversation", conversationId, conversationToken);
    const history = await connection.invoke("History", conversationId, conversationToken);
    for (const m of history) if (!view.has(m.id)) view.addMessage(m, feedback).finish(m, m.citations, m.role === "assistant" && m.citations.length > 0);
    if (handedOff) view.addHandoff(); // a reload must not hide that a person is on the way
  } catch {
    // The conversation is gone (or belongs elsewhere): start afresh rather than failing every message.
    localStorage.removeItem(config.storageKey);
    conversationId = conversationToken = null;
    handedOff = false;
    view.clear();
  }
}

async function send(text) {
  view.setBusy(true);
  view.addMessage({ role: "customer", text });
  try {
    await ensureStarted();
    if (connection.state !== HubConnectionState.Connected) throw new Error("not connected");
    if (!conversationId) {
      ({ conversationId, conversationToken } = await connection.invoke("StartConversation"));
      saveSession();
    }
    await stream(text);
  } catch (error) {
    const sorry = `Sorry, that did not go through (${error.message}). Please try again.`;
    view.addMessage({ role: "assistant", text: sorry });
    view.announce(`Assistant: ${sorry}`);
  } finally {
    view.hideTyping();
    view.setBusy(false);
  }
}

function stream(text) {
  view.showTyping("Assistant");
  let bubble = null;
  return new Promise((resolve, reject) => {
    connection.stream("SendMessage", conversationId, conversationToken, text).subscribe({
      next(item) {
        if (item.type === "token") {
          if (!bubble) { view.hideTyping(); bubble = view.addMessage({ role: "assistant", text: "" }, feedback); }
          bubble.append(item.text);
        } else if (item.type === "done") {
          view.hideTyping();
          const reply = item.reply;
          bubble ??= view.addMessage({ role: "assistant", text: "" }, feedback);
          const answered = reply.decision === "answered";
          bubble.finish({ id: reply.messageId, text: reply.reply }, reply.citations, answered);
          // One announcement per finished answer (not one per streamed token), with the handoff in the same breath.
          let spoken = `Assistant: ${reply.reply}`;
          if (!answered) {
            spoken += ` ${view.addHandoff()}`;
            handedOff = true;
            saveSession();
          }
          view.announce(spoken);
        }
      },
      complete: resolve,
      error: reject,
    });
  });
}

async function feedback(messageId, helpful) {
  try {
    await connection.invoke("SendFeedback", conversationId, conversationToken, messageId, helpful);
  } catch {
    view.setStatus("Could not record your feedback; please try again.");
  }
}

function saveSession() {
  localStorage.setItem(config.storageKey, JSON.stringify({ id: conversationId, token: conversationToken, handedOff }));
}

/** The tenant's greeting and the server's message limit; the widget works with its defaults until they arrive. */
async function loadSettings() {
  try {
    const response = await fetch(`${config.base}/api/tenants/${encodeURIComponent(config.tenant)}/widget`, { headers: { "X-Api-Key": config.key }, credentials: "omit" });
    if (response.ok) view.configure(await response.json());
  } catch {
    // Offline or refused: the defaults are fine, and the chat itself reports connection trouble.
  }
}

function readSession() {
  try {
    const saved = JSON.parse(localStorage.getItem(config.storageKey) || "null");
    return saved && typeof saved.id === "string" && typeof saved.token === "string" ? saved : {};
  } catch {
    return {}; // an entry from an older widget (a bare id) cannot be resumed without its token
  }
}
