// The dashboard's charts: the activity window as evenly spaced buckets, and line charts drawn as inline SVG.
// Labels go in through textContent only.

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (text !== null) {
    node.textContent = text;
  }
  return node;
}

/** The window's buckets, oldest first, with missing ones as empty: index i starts at windowStart + i * bucket. */
export function windowBuckets(activity) {
  const bucketMillis = activity.bucketSeconds * 1000;
  const n = Math.max(1, Math.round(activity.windowSeconds / activity.bucketSeconds));
  const now = new Date(activity.now).getTime();
  // Aligned on the server's own buckets: the newest one that has started by now.
  const starts = (activity.series || []).map(b => new Date(b.start).getTime()).filter(t => !Number.isNaN(t));
  const anchor = starts.length ? Math.max(...starts) : Math.floor(now / bucketMillis) * bucketMillis;
  const lastStart = anchor + Math.max(0, Math.floor((now - anchor) / bucketMillis)) * bucketMillis;
  const firstStart = lastStart - (n - 1) * bucketMillis;
  const result = Array.from({ length: n }, (_, i) => ({
    start: firstStart + i * bucketMillis, scored: 0, failed: 0, noModel: 0, deadLetters: {},
    p50Seconds: null, p99Seconds: null,
  }));
  for (const bucket of activity.series || []) {
    const i = Math.round((new Date(bucket.start).getTime() - firstStart) / bucketMillis);
    if (i >= 0 && i < n) {
      result[i] = { ...result[i], ...bucket, start: result[i].start };
    }
  }
  // The newest bucket is still filling: its rate is over the seconds it has run.
  result.forEach((b, i) => {
    const seconds = i === n - 1 ? Math.max(1, (now - b.start) / 1000) : activity.bucketSeconds;
    b.recordsPerSecond = (b.scored + b.failed + b.noModel) / seconds;
    b.failingPerSecond = (b.failed + b.noModel) / seconds;
  });
  return result;
}

/**
 * Draws `lines` ({ value: bucket => number or null, className, area }) over the window's `series` into `box`,
 * with `markers` ({ time, className, label }) as vertical marks; a null value leaves a gap in its line.
 */
export function lineChart(box, series, lines, { width, height, format, bucketSeconds, windowSeconds, markers = [] }) {
  const pad = { left: 56, right: 10, top: 10, bottom: 22 };
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const values = series.flatMap(b => lines.map(l => l.value(b))).filter(v => typeof v === "number");
  const top = niceCeiling(Math.max(0, ...values));
  const x = i => pad.left + (series.length === 1 ? plotWidth : (i * plotWidth) / (series.length - 1));
  const y = v => pad.top + plotHeight - (top === 0 ? 0 : (v / top) * plotHeight);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "line-chart" });
  for (const fraction of [0, 0.5, 1]) {
    const at = y(top * fraction);
    chart.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: at, y2: at, class: "grid" }));
    chart.append(svg("text", { x: pad.left - 6, y: at + 4, class: "axis", "text-anchor": "end" },
      top === 0 && fraction > 0 ? "" : format(top * fraction)));
  }
  const bucketMillis = bucketSeconds * 1000;
  for (const marker of markers) {
    const i = (marker.time - series[0].start) / bucketMillis;
    if (i >= 0 && i <= series.length - 1 + 1e-9) {
      const mark = svg("line",
        { x1: x(i), x2: x(i), y1: pad.top, y2: pad.top + plotHeight, class: `marker ${marker.className}` });
      mark.append(svg("title", {}, marker.label));
      chart.append(mark);
    }
  }
  const minutes = Math.round(windowSeconds / 60);
  chart.append(svg("text", { x: pad.left, y: height - 4, class: "axis" }, `−${minutes} min`));
  chart.append(svg("text", { x: pad.left + plotWidth / 2, y: height - 4, class: "axis", "text-anchor": "middle" },
    `−${minutes / 2} min`));
  chart.append(svg("text", { x: width - pad.right, y: height - 4, class: "axis", "text-anchor": "end" }, "now"));
  for (const line of lines) {
    let path = "";
    let run = [];
    const flush = () => {
      if (run.length && line.area) {
        const top = run.map(i => `L${x(i).toFixed(1)},${y(line.value(series[i])).toFixed(1)}`).join(" ");
        const d = `M${x(run[0]).toFixed(1)},${y(0)} ${top} L${x(run[run.length - 1]).toFixed(1)},${y(0)} Z`;
        chart.append(svg("path", { class: `area ${line.className}`, d }));
      }
      run = [];
    };
    series.forEach((b, i) => {
      const v = line.value(b);
      if (typeof v !== "number") {
        flush();
        return;
      }
      path += `${run.length ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      run.push(i);
    });
    flush();
    if (path) {
      chart.append(svg("path", { class: `line ${line.className}`, d: path.trim() }));
    }
  }
  box.replaceChildren(chart);
}

/** The smallest of 1, 2, 5 times a power of ten that is at least `value`; 0 for 0. */
function niceCeiling(value) {
  if (value <= 0) {
    return 0;
  }
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map(m => m * power).find(v => v >= value * (1 - 1e-9));
}
