// Keeps Tab and Shift+Tab inside the panel while it is modal (full screen on a phone), so focus never wanders to the
// page hidden behind it.
const focusable = "a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex='-1'])";

export function trapFocus(panel, isModal) {
  panel.addEventListener("keydown", (e) => {
    if (e.key !== "Tab" || !isModal()) return;
    const items = [...panel.querySelectorAll(focusable)].filter((n) => n.offsetParent !== null || n === document.activeElement);
    if (items.length === 0) return;
    const first = items[0], last = items[items.length - 1];
    if (e.shiftKey && (document.activeElement === first || !panel.contains(document.activeElement))) { e.preventDefault(); last.focus(); }
    else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
  });
  // A click or script elsewhere must not strand focus behind the panel either.
  document.addEventListener("focusin", (e) => {
    if (isModal() && !panel.contains(e.target)) panel.querySelector("input")?.focus();
  });
}
