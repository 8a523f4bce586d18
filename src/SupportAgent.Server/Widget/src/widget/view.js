import { el } from "../shared/dom.js";
import { css } from "./styles.js";
import { trapFocus } from "./focus.js";

const HANDOFF_TEXT = "A person will reply here — you can keep this window open or come back later.";
const speakers = { customer: "You", assistant: "Assistant", staff: "Support team" };

// The launcher and the panel. Knows nothing about the server: the controller calls these functions.
// Screen readers: the conversation is a plain region (streamed tokens are not read out one by one); one polite status
// element outside it announces each finished answer, staff reply and handoff once.
export function createView(config, handlers) {
  document.head.append(el("style", {}, css));
  const launcher = el("button", { class: "sa-launcher", type: "button", "aria-expanded": "false", "aria-controls": "sa-panel" }, "Chat with us");
  const status = el("div", { class: "sa-status", role: "status" });
  const announcer = el("div", { class: "sa-sr", role: "status" });
  const greeting = el("p", { class: "sa-greeting" }, "Hi! Ask a question and I'll answer from our help centre, or ask for a person at any time.");
  const log = el("div", { class: "sa-log", role: "region", "aria-label": "Conversation", tabindex: "0" }, greeting);
  const input = el("input", { type: "text", name: "message", placeholder: "Ask a question…", "aria-label": "Your message", autocomplete: "off" }); // maxlength comes from the server (configure)
  const send = el("button", { type: "submit" }, "Send");
  const human = el("button", { type: "button", class: "sa-human" }, "Talk to a person");
  const close = el("button", { type: "button", class: "sa-close", "aria-label": "Close chat" }, "✕");
  const form = el("form", { class: "sa-form" }, input, send);
  const panel = el("section", { class: "sa-panel", id: "sa-panel", role: "dialog", "aria-labelledby": "sa-title", "data-open": "false" },
    el("div", { class: "sa-head" }, el("h2", { class: "sa-title", id: "sa-title" }, config.title), human, close), status, log, form, announcer);
  document.body.append(launcher, panel);
  const fullScreen = window.matchMedia("(max-width: 480px)");
  trapFocus(panel, () => panel.dataset.open === "true" && fullScreen.matches);

  let handedOff = false;
  let busy = false;
  const syncButtons = () => {
    send.disabled = busy;
    human.disabled = busy || handedOff;
  };
  const setOpen = (open) => {
    panel.dataset.open = String(open);
    launcher.setAttribute("aria-expanded", String(open));
    // Full screen on a phone, the panel is modal: the page behind is out of reach until it closes.
    if (open && fullScreen.matches) panel.setAttribute("aria-modal", "true"); else panel.removeAttribute("aria-modal");
    if (open) { input.focus(); handlers.onOpen(); } else launcher.focus();
  };
  launcher.addEventListener("click", () => setOpen(panel.dataset.open !== "true"));
  close.addEventListener("click", () => setOpen(false));
  panel.addEventListener("keydown", (e) => { if (e.key === "Escape") setOpen(false); });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    handlers.onSend(text);
  });
  human.addEventListener("click", () => handlers.onHuman());

  let typing = null;
  const scroll = () => { log.scrollTop = log.scrollHeight; };
  const announce = (text) => {
    // Cleared first so the same words twice in a row are still read out.
    announcer.textContent = "";
    requestAnimationFrame(() => { announcer.textContent = text; });
  };
  return {
    configure({ greeting: text, maxMessageLength }) {
      if (text) greeting.textContent = text;
      if (maxMessageLength) input.maxLength = maxMessageLength;
    },
    setBusy(value) { busy = value; syncButtons(); if (!value) input.focus(); },
    setStatus(text) { status.textContent = text || ""; },
    announce,
    has(id) { return !!id && !!log.querySelector(`[data-message-id="${CSS.escape(id)}"]`); },
    clear() { log.replaceChildren(greeting); handedOff = false; syncButtons(); },
    addMessage(message, onFeedback) {
      const bubble = el("div", { class: `sa-msg sa-${message.role}`, "data-role": message.role, "data-message-id": message.id });
      // Staff replies carry a visible name (they differ from the agent); every message says who spoke to a screen reader.
      bubble.append(message.role === "staff" ? el("span", { class: "sa-who" }, speakers.staff) : el("span", { class: "sa-sr" }, `${speakers[message.role] ?? message.role}: `));
      const text = el("span", { class: "sa-text" }, message.text || "");
      bubble.append(text);
      log.append(bubble);
      scroll();
      return {
        append(delta) { text.textContent += delta; scroll(); },
        finish(final, citations, feedback) {
          bubble.dataset.messageId = final.id;
          text.textContent = final.text;
          if (citations?.length) bubble.append(sources(citations));
          if (feedback) bubble.append(feedbackButtons(final.id, onFeedback));
          scroll();
        },
      };
    },
    /** Shows that a person takes over; "Talk to a person" stays off from then on (one request is enough). */
    addHandoff() {
      if (!handedOff) log.append(el("div", { class: "sa-handoff" }, HANDOFF_TEXT));
      handedOff = true;
      syncButtons();
      scroll();
      return HANDOFF_TEXT;
    },
    showTyping(who) {
      this.hideTyping();
      typing = el("div", { class: "sa-typing" }, `${who} is typing…`);
      log.append(typing);
      scroll();
    },
    hideTyping() { typing?.remove(); typing = null; },
  };
}

function sources(citations) {
  const box = el("div", { class: "sa-sources" }, el("span", {}, "Sources:"));
  citations.forEach((c, i) => {
    const label = `[${i + 1}] ${c.title}${section(c) ? " — " + section(c) : ""}`;
    if (c.url) box.append(el("a", { href: c.url, target: "_blank", rel: "noopener", "data-document-id": c.documentId }, label));
    else {
      // No public URL: the button reveals the quoted passage in place instead of leading nowhere.
      const snippet = el("div", { class: "sa-snippet", hidden: true }, c.snippet);
      const link = el("button", { type: "button", class: "sa-source", "aria-expanded": "false", "data-document-id": c.documentId }, label);
      link.addEventListener("click", () => {
        snippet.hidden = !snippet.hidden;
        link.setAttribute("aria-expanded", String(!snippet.hidden));
      });
      box.append(link, snippet);
    }
  });
  return box;
}

// Headings carry their path ("Shipping › Canada"); the document title already says the first part.
function section(c) {
  const parts = (c.heading || "").split(" › ").filter(Boolean);
  if (parts[0] === c.title) parts.shift();
  return parts.join(" › ");
}

function feedbackButtons(messageId, onFeedback) {
  // Words, not emoji: emoji fonts are missing on many machines and read inconsistently by screen readers. The buttons'
  // names are their visible words; the group's name gives the question they answer.
  const up = el("button", { type: "button", "aria-pressed": "false" }, "Yes");
  const down = el("button", { type: "button", "aria-pressed": "false" }, "No");
  const choose = async (helpful) => {
    up.setAttribute("aria-pressed", String(helpful));
    down.setAttribute("aria-pressed", String(!helpful));
    await onFeedback(messageId, helpful);
  };
  up.addEventListener("click", () => choose(true));
  down.addEventListener("click", () => choose(false));
  return el("div", { class: "sa-feedback", role: "group", "aria-label": "Was this answer helpful?" }, el("span", { "aria-hidden": "true" }, "Helpful?"), up, down);
}
