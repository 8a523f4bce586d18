import { el } from "../shared/dom.js";

// Every view change goes through here: the page title names the view, and keyboard and screen-reader focus moves
// to the new view's heading (not to the body), so "where am I" is answered at once.
export function showView(main, title, ...children) {
  main.replaceChildren(...children);
  const h1 = main.querySelector("h1.view-heading") ?? main.insertBefore(heading(), main.firstChild);
  h1.textContent = title;
  document.title = `${title} — SupportAgent console`;
  h1.focus();
  return h1;
}

/** Where the view's heading goes among the children (showView fills in the title). */
export const heading = () => el("h1", { class: "view-heading", tabindex: "-1", id: "view-heading" });

/** A table that becomes stacked rows on a phone: every cell carries its column name for the narrow layout. */
export function table(caption, headers, rows) {
  return el("table", { class: "stack-rows" },
    caption ? el("caption", { class: "sa-sr" }, caption) : null,
    el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", {}, rows.map(({ attrs, cells }) => el("tr", attrs ?? {},
      ...cells.map((cell, i) => el("td", { "data-label": headers[i], class: cell?.class }, cell?.content ?? cell))))));
}

/** Keeps focus on "the same" control across a re-render of part of a view (live refreshes must not move focus). */
export async function keepingFocus(container, keyOf, render) {
  const active = document.activeElement;
  const key = active && container.contains(active) ? keyOf(active) : null;
  await render();
  if (!key) return;
  const again = [...container.querySelectorAll("a, button, select, input, textarea")].find((n) => keyOf(n) === key);
  again?.focus({ preventScroll: true });
}
