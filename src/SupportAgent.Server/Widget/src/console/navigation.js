// The header's navigation: shown only to a signed-in user, with only the pages their role can use; on a phone it folds
// behind a "Menu" button instead of wrapping the header into a block.
export function setupNavigation() {
  const nav = document.getElementById("nav");
  const toggle = document.getElementById("menu-toggle");
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    nav.dataset.open = String(open);
  };
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  nav.addEventListener("click", (e) => { if (e.target.closest("a")) setOpen(false); });
  return {
    show(session) {
      for (const link of nav.querySelectorAll("[data-role]")) link.closest("li").hidden = link.dataset.role === "admin" && session.role !== "admin";
      document.getElementById("who").textContent = `${session.tenant} · ${session.role}`;
      nav.hidden = false;
      toggle.hidden = false;
      setOpen(false);
    },
    hide() {
      nav.hidden = true;
      toggle.hidden = true;
      document.getElementById("who").textContent = "";
    },
    mark(page) {
      for (const a of nav.querySelectorAll("a")) {
        if (a.getAttribute("href") === `#/${page}`) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
      }
    },
    onSignOut(handler) { document.getElementById("sign-out").addEventListener("click", handler); },
  };
}
