import { el } from "../shared/dom.js";

// One notice component for the whole console. Put the slot next to the control it reports on: a success is a polite
// status, an error is an alert (read out at once) in the error colours, so a failure never looks like a confirmation.
export function createNotice() {
  const slot = el("div", { class: "notice-slot" });
  const show = (kind, text) => {
    if (!text) return slot.replaceChildren();
    slot.replaceChildren(el("p", { class: `notice notice-${kind}`, role: kind === "error" ? "alert" : "status" }, text));
  };
  return {
    node: slot,
    success: (text) => show("success", text),
    error: (text) => show("error", text),
    clear: () => slot.replaceChildren(),
  };
}
