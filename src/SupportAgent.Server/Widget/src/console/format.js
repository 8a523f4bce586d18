// Wording shared by the console's pages: people read these, so no codes, underscores or bare UTC.
export function age(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d`;
}

// Priority travels as 0/1/2 (most urgent first, the queue's sort order) or as its lower-case name.
const priorities = ["High", "Normal", "Low"];
export const priorityLabel = (p) => (typeof p === "number" ? priorities[p] ?? String(p) : humanise(p));
export const priorityRank = (p) => (typeof p === "number" ? p : Math.max(0, priorities.indexOf(humanise(p))));

/** "out_of_scope" → "Out of scope"; empty → the given fallback. */
export function humanise(value, fallback = "—") {
  const text = String(value ?? "").replaceAll("_", " ").replaceAll("-", " ").trim();
  return text ? text[0].toUpperCase() + text.slice(1) : fallback;
}
export const reasonLabel = (r) => humanise(r);

/** Local date and time with the zone spelled out, so staff in different places read the same moment. */
export const time = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" }) : "—");
