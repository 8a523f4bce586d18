// SupportAgent chat widget: one <script src=".../widget.js" data-tenant="…" data-key="…"> adds a launcher and a chat panel.
(() => {
  const script = document.currentScript;
  const tenant = script.dataset.tenant;
  const key = script.dataset.key;
  const base = script.dataset.api || new URL(script.src).origin;
  const storageKey = `supportagent:${tenant}:conversation`;

  const css = `
    .sa-launcher{position:fixed;right:20px;bottom:20px;border:0;border-radius:999px;padding:14px 20px;background:#1f4fd1;color:#fff;font:600 15px system-ui,sans-serif;cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.2);z-index:2147483000}
    .sa-panel{position:fixed;right:20px;bottom:84px;width:min(380px,calc(100vw - 24px));height:min(560px,calc(100vh - 110px));display:none;flex-direction:column;background:#fff;border-radius:14px;box-shadow:0 8px 30px rgba(0,0,0,.25);font:15px/1.45 system-ui,sans-serif;color:#1d2430;z-index:2147483000;overflow:hidden}
    .sa-panel[data-open=true]{display:flex}
    .sa-head{padding:12px 16px;background:#1f4fd1;color:#fff;font-weight:600}
    .sa-log{flex:1;overflow-y:auto;padding:12px;display:flex;flex-direction:column;gap:8px}
    .sa-msg{max-width:85%;padding:8px 12px;border-radius:12px;white-space:pre-wrap;word-wrap:break-word}
    .sa-customer{align-self:flex-end;background:#1f4fd1;color:#fff}
    .sa-assistant,.sa-staff{align-self:flex-start;background:#eef1f6}
    .sa-staff{border-left:3px solid #0a7d45}
    .sa-sources{margin-top:6px;font-size:13px}
    .sa-sources a{color:#1640b0;display:block}
    .sa-snippet{display:none;margin:4px 0 0;padding:6px 8px;background:#fff;border-radius:6px;color:#333}
    .sa-snippet[data-open=true]{display:block}
    .sa-form{display:flex;gap:8px;padding:10px;border-top:1px solid #e3e6ec}
    .sa-form input{flex:1;padding:9px 10px;border:1px solid #b9c0cc;border-radius:8px;font:inherit}
    .sa-form button{padding:9px 14px;border:0;border-radius:8px;background:#1f4fd1;color:#fff;font:600 14px system-ui,sans-serif;cursor:pointer}
    .sa-form button:disabled{opacity:.6}`;
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);

  const launcher = el("button", { class: "sa-launcher", type: "button", "aria-expanded": "false", "aria-controls": "sa-panel" }, "Chat with us");
  const log = el("div", { class: "sa-log", role: "log", "aria-live": "polite" });
  const input = el("input", { type: "text", name: "message", placeholder: "Ask a question…", "aria-label": "Your message", maxlength: "4000", autocomplete: "off" });
  const send = el("button", { type: "submit" }, "Send");
  const form = el("form", { class: "sa-form" }, input, send);
  const panel = el("section", { class: "sa-panel", id: "sa-panel", role: "dialog", "aria-label": "Support chat", "data-open": "false" },
    el("div", { class: "sa-head" }, "Northwind help"), log, form);
  document.body.append(launcher, panel);

  launcher.addEventListener("click", () => {
    const open = panel.dataset.open !== "true";
    panel.dataset.open = String(open);
    launcher.setAttribute("aria-expanded", String(open));
    if (open) input.focus();
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send.disabled = true;
    addMessage("customer", text);
    try {
      const conversationId = await conversation();
      const reply = await api(`/api/tenants/${tenant}/conversations/${conversationId}/messages`, { text });
      addMessage("assistant", reply.reply, reply.citations);
    } catch (error) {
      addMessage("assistant", `Sorry, something went wrong: ${error.message}`);
    } finally {
      send.disabled = false;
      input.focus();
    }
  });

  async function conversation() {
    let id = localStorage.getItem(storageKey);
    if (!id) {
      id = (await api(`/api/tenants/${tenant}/conversations`, {})).conversationId;
      localStorage.setItem(storageKey, id);
    }
    return id;
  }

  async function api(path, body) {
    const response = await fetch(base + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Api-Key": key },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      if (response.status === 404) localStorage.removeItem(storageKey);
      throw new Error(json.detail || `HTTP ${response.status}`);
    }
    return json;
  }

  function addMessage(role, text, citations = []) {
    const bubble = el("div", { class: `sa-msg sa-${role}`, "data-role": role }, text);
    if (citations.length) {
      const sources = el("div", { class: "sa-sources" }, "Sources:");
      citations.forEach((c, i) => {
        const snippet = el("div", { class: "sa-snippet", "data-open": "false" }, c.snippet);
        const link = el("a", { href: c.url || "#", "data-document-id": c.documentId }, `[${i + 1}] ${c.title}${c.heading ? " — " + c.heading : ""}`);
        if (!c.url) link.addEventListener("click", (e) => { e.preventDefault(); snippet.dataset.open = String(snippet.dataset.open !== "true"); });
        else link.target = "_blank";
        sources.append(link, snippet);
      });
      bubble.append(sources);
    }
    log.append(bubble);
    log.scrollTop = log.scrollHeight;
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    node.append(...children);
    return node;
  }
})();
