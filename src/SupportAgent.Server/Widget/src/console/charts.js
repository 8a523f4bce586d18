import { el } from "../shared/dom.js";

// Small SVG charts. Each is an image with a name that says what it shows in words (the same figures as the bars), so a
// screen reader hears the data, not "image".
const svgNs = "http://www.w3.org/2000/svg";
const colors = ["#1f4fd1", "#a34700", "#0a7d45", "#b42318", "#6b3fb3", "#0b6e70", "#7a5a00", "#4a5363"];

function svg(name, attrs = {}, text) {
  const node = document.createElementNS(svgNs, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}

/** Horizontal bars, largest first, each labelled with its name and count. */
export function bars(title, counts, label, empty) {
  const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return el("p", { class: "empty" }, empty);
  const row = 26, labelWidth = 130, width = 330, max = Math.max(...entries.map(([, n]) => n));
  const spoken = entries.map(([name, n]) => `${label(name)}: ${n}`).join(", ");
  const chart = svg("svg", { viewBox: `0 0 ${width} ${entries.length * row}`, width: "100%", role: "img", "aria-label": `${title}. ${spoken}` });
  entries.forEach(([name, n], i) => {
    const barWidth = Math.max(2, ((width - labelWidth - 40) * n) / max);
    const y = i * row;
    chart.append(
      svg("text", { x: 0, y: y + 17 }, label(name)),
      svg("rect", { x: labelWidth, y: y + 5, width: barWidth, height: row - 10, rx: 3, fill: colors[i % colors.length] }),
      svg("text", { x: labelWidth + barWidth + 6, y: y + 17 }, String(n)));
  });
  return chart;
}

/** A donut of shares that sum to 1, with a legend. */
export function donut(title, shares, format, empty) {
  const entries = Object.entries(shares);
  if (entries.length === 0) return el("p", { class: "empty" }, empty);
  const spoken = entries.map(([name, share]) => `${name}: ${format(share)}`).join(", ");
  const chart = svg("svg", { viewBox: "0 0 330 140", width: "100%", role: "img", "aria-label": `${title}. ${spoken}` });
  const cx = 70, cy = 70, radius = 55, stroke = 22, circumference = 2 * Math.PI * radius;
  let offset = 0;
  entries.forEach(([name, share], i) => {
    chart.append(svg("circle", {
      cx, cy, r: radius, fill: "none", stroke: colors[i], "stroke-width": stroke,
      "stroke-dasharray": `${share * circumference} ${circumference}`, "stroke-dashoffset": -offset,
      transform: `rotate(-90 ${cx} ${cy})`,
    }));
    offset += share * circumference;
    chart.append(
      svg("rect", { x: 150, y: 40 + i * 30, width: 12, height: 12, fill: colors[i] }),
      svg("text", { x: 170, y: 51 + i * 30 }, `${name}: ${format(share)}`));
  });
  return chart;
}
