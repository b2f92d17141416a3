// The serving dashboard: polls this instance's JSON endpoints every 2 s and draws what they answer.
// Model names, descriptions and rejection reasons come from untrusted model messages, so every text from the
// server goes into the page through textContent or setAttribute, never through innerHTML.
import { lineChart, windowBuckets } from "./chart.js";

const POLL_MILLIS = 2000;
const ANSWER_MILLIS = 10000; // a request without an answer by then counts as no answer
const count = new Intl.NumberFormat("en-US");
const rate = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

const page = {
  clockOffset: 0,         // server time minus browser time, from /activity's "now"
  lastSuccess: null,      // browser time of the last complete answer
  signatures: new Map(),  // data type -> { key, signature }, asked again only when the model changes
};

// ---- DOM helpers ----------------------------------------------------------------------------------------

/** An element with attributes and children; strings become text nodes. */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

function fields(name) {
  return document.querySelectorAll(`[data-field="${name}"]`);
}

function setField(name, text) {
  fields(name).forEach(node => { node.textContent = text; });
}

// ---- formatting -----------------------------------------------------------------------------------------

function modelLabel(model) {
  if (!model) {
    return "none";
  }
  return model.version ? `${model.name}:${model.version}` : model.name;
}

function clockTime(iso) {
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? String(iso) : time.toLocaleTimeString("en-GB", { hour12: false });
}

function ago(iso) {
  const seconds = Math.max(0, Math.round((Date.now() + page.clockOffset - new Date(iso).getTime()) / 1000));
  if (Number.isNaN(seconds)) {
    return "";
  }
  if (seconds < 60) {
    return `${seconds} s ago`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ago`;
  }
  if (seconds < 86400) {
    return `${Math.floor(seconds / 3600)} h ${Math.floor(seconds % 3600 / 60)} min ago`;
  }
  return `${Math.floor(seconds / 86400)} d ago`;
}

function duration(seconds) {
  if (seconds === null || seconds === undefined || Number.isNaN(seconds)) {
    return "–";
  }
  if (seconds < 1e-3) {
    return `${rate.format(seconds * 1e6)} µs`;
  }
  if (seconds < 1) {
    return `${rate.format(seconds * 1e3)} ms`;
  }
  return `${rate.format(seconds)} s`;
}

function tensor(spec) {
  const shape = Array.isArray(spec.shape) && spec.shape.length > 0
    ? `[${spec.shape.map(d => (d < 0 ? "?" : d)).join(", ")}]` : "";
  return `${spec.name} ${spec.type || ""}${shape}`.trim();
}

// ---- fetching -------------------------------------------------------------------------------------------

/** The JSON answer of `path`; statuses in `alsoOk` (503 from a health check, 404) answer too, 404 as null. */
async function getJson(path, alsoOk = []) {
  const response = await fetch(path, {
    cache: "no-store", headers: { Accept: "application/json" }, signal: AbortSignal.timeout(ANSWER_MILLIS),
  });
  if (!response.ok && !alsoOk.includes(response.status)) {
    throw new Error(`${path} answered HTTP ${response.status}`);
  }
  return response.status === 404 ? null : response.json();
}

function dataTypePath(prefix, dataType) {
  return `${prefix}/${encodeURIComponent(dataType)}`;
}

/** Asks for a data type's signature only when its model changed since the last time. */
async function signatureOf(dataType, model) {
  const key = `${modelLabel(model)}@${model.since}`;
  const known = page.signatures.get(dataType);
  if (known && known.key === key) {
    return known.signature;
  }
  const answer = await getJson(dataTypePath("/models", dataType), [404]).catch(() => null);
  const signature = answer ? answer.signature : null;
  page.signatures.set(dataType, { key, signature });
  return signature;
}

async function poll() {
  try {
    // /activity is 404 on a server started without a ServingActivity: the page then shows no charts.
    const [models, activity, instances, ready] = await Promise.all([
      getJson("/models"), getJson("/activity", [404]), getJson("/instances"), getJson("/health/ready", [503]),
    ]);
    page.clockOffset = activity ? new Date(activity.now).getTime() - Date.now() : 0;
    const dataTypes = Object.keys(models.models || {}).sort();
    // One data type's failing /state or signature shows as a gap, not as a lost server.
    const [states, signatures] = await Promise.all([
      Promise.all(dataTypes.map(t => getJson(dataTypePath("/state", t), [404]).catch(() => null))),
      Promise.all(dataTypes.map(t => signatureOf(t, models.models[t]))),
    ]);
    renderHeader(models.instance, ready);
    renderModels(dataTypes.map((t, i) => ({
      dataType: t, model: models.models[t], state: states[i], signature: signatures[i],
    })));
    if (activity) {
      renderActivity(activity);
      renderUpdates(activity.updates || [], models.models || {});
    } else {
      noActivity();
    }
    renderInstances(instances);
    connected();
  } catch (error) {
    disconnected(error);
  } finally {
    window.setTimeout(poll, POLL_MILLIS);
  }
}

function connected() {
  page.lastSuccess = new Date();
  document.body.dataset.connection = "ok";
  const updated = document.getElementById("updated");
  updated.textContent = page.lastSuccess.toLocaleTimeString("en-GB", { hour12: false });
  updated.setAttribute("datetime", page.lastSuccess.toISOString());
  document.getElementById("banner").hidden = true;
}

function disconnected(error) {
  document.body.dataset.connection = "error";
  const banner = document.getElementById("banner");
  const cause = error instanceof TypeError ? "no answer"
    : error.name === "TimeoutError" ? `no answer within ${ANSWER_MILLIS / 1000} s` : error.message;
  const since = page.lastSuccess
    ? `Showing what it answered at ${page.lastSuccess.toLocaleTimeString("en-GB", { hour12: false })}.`
    : "Nothing received yet.";
  banner.textContent = `Cannot reach the serving instance at ${window.location.host} (${cause}). ${since} `
    + `Trying again every ${POLL_MILLIS / 1000} s.`;
  banner.hidden = false;
  const pill = document.getElementById("readiness");
  pill.dataset.status = "UNREACHABLE";
  pill.textContent = "no answer";
}

// ---- rendering ------------------------------------------------------------------------------------------

function renderHeader(instance, ready) {
  document.getElementById("instance").textContent = instance;
  const pill = document.getElementById("readiness");
  pill.dataset.status = ready.status;
  pill.textContent = ready.status === "UP" ? "ready" : "not ready";
  pill.title = ready.detail || "";
}

function renderModels(rows) {
  const body = document.getElementById("models");
  if (rows.length === 0) {
    body.replaceChildren(el("tr", { class: "empty" }, el("td", { colspan: 9 }, "no model received yet")));
    return;
  }
  body.replaceChildren(...rows.map(({ dataType, model, state, signature }) => {
    const stat = name => (state && typeof state[name] === "number" ? count.format(state[name]) : "–");
    return el("tr", { "data-data-type": dataType },
      el("th", { scope: "row", "data-field": "data-type" }, dataType),
      el("td", { class: "model" },
        el("strong", { "data-field": "model" }, modelLabel(model)),
        model.description ? el("small", { "data-field": "description" }, model.description) : null,
        ((state && state.candidates) || []).map(renderCandidate)),
      el("td", { "data-field": "model-type" }, model.modelType),
      el("td", {},
        el("time", { "data-field": "since", datetime: model.since }, clockTime(model.since)),
        el("small", { "data-field": "since-ago" }, ago(model.since))),
      el("td", { class: "signature" }, renderSignature(signature)),
      el("td", { class: "num", "data-field": "invocations" }, stat("invocations")),
      el("td", { class: "num", "data-field": "failures" }, stat("failures")),
      el("td", { class: "num", "data-field": "no-model" }, stat("noModel")),
      el("td", { class: "num", "data-field": "updates" },
        state ? `${count.format(state.updatesAccepted)} ✓ ${count.format(state.updatesRejected)} ✗` : "–"));
  }));
}

/**
 * A shadow with how often it agreed with the served results, a canary with its share of the keys, or an ensemble
 * member (one line each) with its calls, failures and mean time.
 */
function renderCandidate(candidate) {
  const comparison = candidate.comparison;
  const detail = candidate.role === "canary"
    ? (candidate.canaryPercent === null ? "" : ` · ${rate.format(candidate.canaryPercent)} % of keys`)
    : candidate.role === "ensemble"
      ? ` · ${count.format(candidate.invocations)} calls, ${count.format(candidate.failures)} failed, `
        + `mean ${duration(candidate.invocations > 0 ? candidate.meanSeconds : null)}`
      : comparison && comparison.agreementRate !== null
        ? ` · agrees ${rate.format(comparison.agreementRate * 100)} % of ${count.format(comparison.compared)}`
        : " · nothing compared yet";
  return el("small", { class: "candidate", "data-field": candidate.role, "data-model": candidate.model.name },
    `${candidate.role} `, el("strong", {}, modelLabel(candidate.model)), detail);
}

function renderSignature(signature) {
  if (!signature) {
    return el("span", { class: "muted", "data-field": "signature" }, "not known");
  }
  const names = specs => {
    const shown = specs.slice(0, 3).map(s => s.name).join(", ");
    return specs.length > 3 ? `${shown} +${specs.length - 3}` : shown;
  };
  const inputs = signature.inputs || [];
  const outputs = signature.outputs || [];
  return el("details", { "data-field": "signature" },
    el("summary", {}, `${names(inputs)} → ${names(outputs)}`),
    el("div", { class: "tensors" },
      el("span", { class: "muted" }, "inputs"), el("ul", {}, inputs.map(s => el("li", {}, tensor(s)))),
      el("span", { class: "muted" }, "outputs"), el("ul", {}, outputs.map(s => el("li", {}, tensor(s))))));
}

function noActivity() {
  const note = "this server records no activity (/activity answers 404)";
  setField("window", note);
  ["throughput-chart", "latency-chart"].forEach(id => document.getElementById(id).replaceChildren());
  document.getElementById("updates").replaceChildren(el("li", { class: "empty" }, note));
  document.getElementById("dead-letters").replaceChildren(el("li", { class: "empty" }, note));
}

function renderActivity(activity) {
  const series = windowBuckets(activity);
  const sum = name => series.reduce((total, b) => total + (b[name] || 0), 0);
  setField("window", `this instance, last ${Math.round(activity.windowSeconds / 60)} min`);
  setField("bucket", `${activity.bucketSeconds} s`);
  setField("window-scored", count.format(sum("scored")));
  setField("window-failed", count.format(sum("failed")));
  setField("window-no-model", count.format(sum("noModel")));
  // Model updates as marks on the time axis: a swap shows where the records went on with the new model.
  const markers = (activity.updates || []).map(u => ({
    time: new Date(u.time).getTime(), className: u.accepted ? "accepted" : "rejected",
    label: `${u.accepted ? "accepted" : "rejected"} ${u.model} for ${u.dataType}`,
  }));
  const span = { bucketSeconds: activity.bucketSeconds, windowSeconds: activity.windowSeconds };
  lineChart(document.getElementById("throughput-chart"), series, [
    { value: b => b.recordsPerSecond, className: "records", area: true },
    { value: b => b.failingPerSecond, className: "failed" },
  ], { ...span, width: 760, height: 215, format: v => rate.format(v), markers });

  const timed = series.filter(b => b.p50Seconds !== null && b.p50Seconds !== undefined);
  const latest = timed[timed.length - 1];
  const worst = name => (timed.length ? Math.max(...timed.map(b => b[name] ?? 0)) : null);
  setField("p50-latest", duration(latest ? latest.p50Seconds : null));
  setField("p99-latest", duration(latest ? latest.p99Seconds : null));
  setField("p50-window", duration(worst("p50Seconds")));
  setField("p99-window", duration(worst("p99Seconds")));
  lineChart(document.getElementById("latency-chart"), series, [
    { value: b => b.p50Seconds, className: "p50" },
    { value: b => b.p99Seconds, className: "p99" },
  ], { ...span, width: 360, height: 120, format: duration });

  const byKind = new Map();
  for (const bucket of series) {
    for (const [kind, n] of Object.entries(bucket.deadLetters || {})) {
      byKind.set(kind, (byKind.get(kind) || 0) + n);
    }
  }
  const list = document.getElementById("dead-letters");
  const kinds = [...byKind.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  list.replaceChildren(...(kinds.length === 0 ? [el("li", { class: "empty" }, "none")]
    : kinds.map(([kind, n]) => el("li", { "data-kind": kind },
      el("span", { class: "kind" }, kind), el("span", { class: "num", "data-field": "count" }, count.format(n))))));
}

/**
 * What became of each update (oldest first): "rejected"; "reloaded" when its data type had accepted that same model
 * last (published again, as after a rejection); else "serving" for the newest one that brought the current model
 * and "replaced" for those before it.
 */
function outcomes(updates, current) {
  const lastAccepted = new Map();
  const result = updates.map(update => {
    if (!update.accepted) {
      return "rejected";
    }
    const reloaded = lastAccepted.get(update.dataType) === update.model;
    lastAccepted.set(update.dataType, update.model);
    return reloaded ? "reloaded" : "replaced";
  });
  const seen = new Set();
  for (let i = updates.length - 1; i >= 0; i--) {
    const { dataType, model } = updates[i];
    if (result[i] === "replaced" && !seen.has(dataType)) {
      seen.add(dataType);
      if (current[dataType] && modelLabel(current[dataType]) === model) {
        result[i] = "serving";
      }
    }
  }
  return result;
}

function renderUpdates(updates, current) {
  const list = document.getElementById("updates");
  if (updates.length === 0) {
    list.replaceChildren(el("li", { class: "empty" }, "no model updates yet"));
    return;
  }
  const outcome = outcomes(updates, current);
  list.replaceChildren(...updates.map((update, i) => el("li", {
    class: `update ${outcome[i]}`, "data-accepted": update.accepted, "data-outcome": outcome[i],
    "data-model": update.model, "data-data-type": update.dataType,
  },
  el("div", { class: "when" },
    el("time", { "data-field": "time", datetime: update.time }, clockTime(update.time)),
    el("small", {}, ago(update.time))),
  el("div", { class: "what" },
    el("span", { class: "badge" }, outcome[i]),
    el("strong", { "data-field": "model" }, update.model),
    el("span", { class: "muted" }, ` ${update.modelType || ""} for `),
    el("span", { "data-field": "data-type" }, update.dataType),
    update.accepted ? null : el("p", { class: "reason", "data-field": "reason" }, update.reason || "no reason given"),
    outcome[i] === "reloaded" ? el("p", { class: "note" }, "the same model, loaded again") : null))).reverse());
}

function renderInstances(answer) {
  const list = document.getElementById("instances");
  const instances = answer.instances || [];
  if (instances.length === 0) {
    list.replaceChildren(el("li", { class: "empty" }, "none known"));
    return;
  }
  list.replaceChildren(...instances.map(i => el("li", { "data-instance": i.instance, "data-status": i.status },
    el("span", { class: "pill", "data-status": i.status }, i.status),
    el("span", { class: "name", "data-field": "instance" }, i.instance,
      i.instance === answer.instance ? el("small", {}, " this one") : null),
    el("small", { class: "detail", "data-field": "detail" }, i.detail || ""))));
}

poll();
