// The console's analytics page: fetches GET /api/tenants/{t}/analytics and draws the figures with small SVG charts.
// Auth: the console's sign-in cookie (same-origin credentials) or, when present, the key kept in sessionStorage.
(() => {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const svgNs = "http://www.w3.org/2000/svg";
  const colors = ["#2456c7", "#e07a1f", "#2e9e5b", "#b3261e", "#7b4cc2", "#0f8b8d", "#9a6b00", "#5a6473"];

  const params = new URLSearchParams(location.search);
  const day = (d) => d.toISOString().slice(0, 10);
  const today = new Date();
  $("tenant").value = params.get("tenant") || sessionStorage.getItem("supportagent.tenant") || "";
  $("to").value = params.get("to") || day(today);
  $("from").value = params.get("from") || day(new Date(today.getTime() - 29 * 86400000));

  $("range").addEventListener("submit", (e) => { e.preventDefault(); load(); });
  if ($("tenant").value) load();

  async function load() {
    const tenant = $("tenant").value.trim();
    sessionStorage.setItem("supportagent.tenant", tenant);
    // The window is [from, to): include the whole "to" day.
    const to = new Date($("to").value + "T00:00:00Z");
    to.setUTCDate(to.getUTCDate() + 1);
    const query = new URLSearchParams({ from: $("from").value + "T00:00:00Z", to: to.toISOString() });
    const headers = { Accept: "application/json" };
    const key = sessionStorage.getItem("supportagent.key");
    if (key) headers["X-Api-Key"] = key;
    status("Loading…");
    try {
      const response = await fetch(`/api/tenants/${encodeURIComponent(tenant)}/analytics?${query}`, { credentials: "same-origin", headers });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) return status(body.detail || `The server answered ${response.status}.`, true);
      render(body);
      status("");
    } catch (err) {
      status(`Could not reach the server: ${err.message}`, true);
    }
  }

  function status(text, isError = false) {
    $("status").textContent = text;
    $("status").className = isError ? "error" : "";
  }

  const percent = (v) => (v == null ? "—" : `${(v * 100).toFixed(1)} %`);
  const number = (v, digits = 0) => (v == null ? "—" : Number(v).toLocaleString(undefined, { maximumFractionDigits: digits }));
  const duration = (ms) => (ms == null ? "—" : ms < 1000 ? `${Math.round(ms)} ms` : ms < 120000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60000).toFixed(1)} min`);

  function render(r) {
    const tiles = [
      ["Conversations", number(r.conversations)],
      ["Customer messages", number(r.messages)],
      ["Deflection rate", percent(r.deflectionRate)],
      ["Escalation rate", percent(r.escalationRate)],
      ["Staff time saved", r.staffMinutesSaved >= 120 ? `${number(r.staffMinutesSaved / 60, 1)} h` : `${number(r.staffMinutesSaved, 1)} min`],
      ["First response (agent, median)", duration(r.firstResponseMs.agentP50)],
      ["First response (staff, median)", duration(r.firstResponseMs.staffP50)],
      ["Time to resolution (median)", r.resolutionMinutesP50 == null ? "—" : duration(r.resolutionMinutesP50 * 60000)],
      ["Thumbs up", percent(r.thumbsUpRate)],
      ["Approved-answer hits", number(r.approvedAnswerHits)],
      ["Adapter share of answers", percent(r.adapterShare)],
    ];
    $("tiles").replaceChildren(...tiles.map(([label, value]) => {
      const tile = el("div", { class: "tile" });
      tile.append(el("div", { class: "value" }, value), el("div", { class: "label" }, label));
      return tile;
    }));
    const handled = r.deflectionRate == null ? {} : { "Answered": r.deflectionRate, "Escalated": r.escalationRate };
    donut($("outcome"), handled);
    bars($("byReason"), r.escalationsByReason);
    bars($("byCategory"), r.escalationsByCategory);
  }

  function el(name, attrs = {}, text) {
    const node = document.createElement(name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text != null) node.textContent = text;
    return node;
  }

  function svg(name, attrs = {}, text) {
    const node = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text != null) node.textContent = text;
    return node;
  }

  // Horizontal bars, largest first, each labelled with its count.
  function bars(host, counts) {
    const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
    if (entries.length === 0) return host.replaceChildren(el("p", { class: "empty" }, "No escalations in this window."));
    const row = 26, labelWidth = 110, width = 330, max = Math.max(...entries.map(([, n]) => n));
    const chart = svg("svg", { viewBox: `0 0 ${width} ${entries.length * row}`, width: "100%", role: "img" });
    entries.forEach(([label, n], i) => {
      const barWidth = Math.max(2, ((width - labelWidth - 40) * n) / max);
      const y = i * row;
      chart.append(
        svg("text", { x: 0, y: y + 17 }, label.replaceAll("_", " ")),
        svg("rect", { x: labelWidth, y: y + 5, width: barWidth, height: row - 10, rx: 3, fill: colors[i % colors.length] }),
        svg("text", { x: labelWidth + barWidth + 6, y: y + 17 }, String(n)));
    });
    host.replaceChildren(chart);
  }

  // A donut of shares that sum to 1, with a legend.
  function donut(host, shares) {
    const entries = Object.entries(shares);
    if (entries.length === 0) return host.replaceChildren(el("p", { class: "empty" }, "The agent handled no conversations in this window."));
    const chart = svg("svg", { viewBox: "0 0 330 140", width: "100%", role: "img" });
    const cx = 70, cy = 70, radius = 55, stroke = 22, circumference = 2 * Math.PI * radius;
    let offset = 0;
    entries.forEach(([label, share], i) => {
      chart.append(svg("circle", {
        cx, cy, r: radius, fill: "none", stroke: colors[i], "stroke-width": stroke,
        "stroke-dasharray": `${share * circumference} ${circumference}`, "stroke-dashoffset": -offset,
        transform: `rotate(-90 ${cx} ${cy})`,
      }));
      offset += share * circumference;
      chart.append(
        svg("rect", { x: 150, y: 40 + i * 30, width: 12, height: 12, fill: colors[i] }),
        svg("text", { x: 170, y: 51 + i * 30 }, `${label}: ${percent(share)}`));
    });
    host.replaceChildren(chart);
  }
})();
