export function age(iso) {
  const minutes = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d`;
}

export const priorityLabel = (p) => ["High", "Medium", "Normal"][p] ?? String(p);
export const reasonLabel = (r) => (r || "").replaceAll("_", " ");
export const time = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
