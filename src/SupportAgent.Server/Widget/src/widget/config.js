// Reads the embedding <script> tag. document.currentScript is only set while the bundle first runs, so read it now.
export function readConfig() {
  const script = document.currentScript;
  if (!script) throw new Error("SupportAgent widget: load it with a <script src=…/widget.js data-tenant data-key> tag.");
  const tenant = script.dataset.tenant;
  const key = script.dataset.key;
  if (!tenant || !key) throw new Error("SupportAgent widget: data-tenant and data-key are required.");
  return {
    tenant,
    key,
    base: (script.dataset.api || new URL(script.src, location.href).origin).replace(/\/$/, ""),
    title: script.dataset.title || "Support",
    storageKey: `supportagent:${tenant}:conversation`,
  };
}
