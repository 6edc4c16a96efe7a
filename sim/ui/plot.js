// Pasar's chart view (an anywidget module): draws a plotly figure kept in the model's state.
//
// Why not plotly's own FigureWidget front end: it ships plotly.js (5 MB) as every chart's
// module, so a page with a dozen charts compiles 60 MB of JavaScript while anywidget gives each
// widget 2 s to initialise; a chart that misses it never receives another update. This module
// is a few kB; plotly.js is asked for once per page, as one binary message from one shared
// widget (PlotlyLibrary), when the first chart draws: never while anywidget initialises a
// model, and not in the widget state the page loads at start. The figure is state
// (`_widget_data`, `_widget_layout`), not a stream of edits, so a view always draws the latest
// figure and cannot miss an update.

const CACHE = Symbol.for("pasar.plotly");
const PREFIX = "IPY_MODEL_";

function loadPlotly(model) {
  const cached = globalThis[CACHE];
  if (cached) return cached;
  const promise = (async () => {
    const ref = model.get("_library") || "";
    const t0 = performance.now();
    const lib = await model.widget_manager.get_model(ref.slice(PREFIX.length));
    const source = await new Promise((resolve) => {
      const onMsg = (content, buffers) => {
        if (!content || !content.source) return;
        lib.off("msg:custom", onMsg);
        resolve(buffers[0]);
      };
      lib.on("msg:custom", onMsg);
      lib.send({ request: "source" }, {});
    });
    const t1 = performance.now();
    const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
    try {
      const mod = await import(/* webpackIgnore: true */ /* @vite-ignore */ url);
      const t2 = performance.now();
      console.debug(`[pasar] plotly.js ready at ${Math.round(t2)} ms: plotly.js received after ` +
        `${Math.round(t1 - t0)} ms, module evaluated in ${Math.round(t2 - t1)} ms`);
      return mod.default;
    } finally {
      URL.revokeObjectURL(url);
    }
  })();
  globalThis[CACHE] = promise;
  promise.catch(() => {
    if (globalThis[CACHE] === promise) delete globalThis[CACHE]; // Redraw tries again
  });
  return promise;
}

const TYPED = {
  int8: Int8Array, uint8: Uint8Array, int16: Int16Array, uint16: Uint16Array,
  int32: Int32Array, uint32: Uint32Array, float32: Float32Array, float64: Float64Array,
};

// numpy arrays arrive as {buffer, dtype, shape} (plotly's serializer); "_undefined_" as a mark
function decode(v) {
  if (Array.isArray(v)) return v.map(decode);
  if (v && typeof v === "object") {
    const buf = v.buffer;
    if (v.dtype in TYPED && (buf instanceof DataView || buf instanceof ArrayBuffer)) {
      const ab = buf instanceof DataView ? buf.buffer.slice(buf.byteOffset,
        buf.byteOffset + buf.byteLength) : buf;
      return new TYPED[v.dtype](ab);
    }
    const out = {};
    for (const [k, x] of Object.entries(v)) if (x !== "_undefined_") out[k] = decode(x);
    return out;
  }
  return v;
}

function text(model, key, fallback) {
  const t = model.get("_texts") || {};
  return t[key] || fallback;
}

// after a learner acts, a view asks the library (twice) whether Python has a newer figure than
// it shows; still behind the second time, its own channel is stuck (e.g. anywidget gave up on
// initialising it): it says so and offers Redraw, which routes it through the library
const CHECKS_MS = [4000, 12000];
const BEHIND_MS = 6000;
const EVENTS = ["keyup", "pointerup", "change"];

function render({ model, el }) {
  el.classList.add("pasar-plot");
  const status = document.createElement("div");
  status.className = "pasar-plot-status";
  status.setAttribute("role", "status");
  status.style.cssText = "padding:8px 10px;color:#333;font-size:14px;";
  const graph = document.createElement("div");
  graph.className = "pasar-plot-graph";
  el.append(status, graph);
  // for screen readers: a figure named by the chart's title, described by its summary (a
  // figure, not an image: an image's content is hidden, and the chart holds its toolbar)
  function describe() {
    graph.setAttribute("role", "figure");
    for (const [attr, trait] of [["aria-label", "_aria_label"], ["aria-describedby", "_describedby"]]) {
      const value = model.get(trait);
      if (value) graph.setAttribute(attr, value);
      else graph.removeAttribute(attr);
    }
  }
  describe();
  model.on("change:_aria_label change:_describedby", describe);
  status.textContent = text(model, "loading", "Loading chart…");

  let Plotly = null;
  let queued = false;
  let drawing = Promise.resolve();
  let disposed = false;
  let routed = null; // {rev, json}: the figure as sent through the library after a Redraw
  let lib = null;
  let behindSince = null;
  let checks = [];

  function notice(key, fallback, onRedraw) {
    status.textContent = "";
    const msg = document.createElement("span");
    msg.className = "pasar-plot-failed";
    msg.textContent = text(model, key, fallback) + " ";
    const button = document.createElement("button");
    button.className = "pasar-plot-redraw jupyter-button";
    button.textContent = text(model, "redraw", "Redraw");
    button.onclick = () => {
      status.textContent = text(model, "loading", "Loading chart…");
      onRedraw();
    };
    status.append(msg, button);
  }

  function fail(error) {
    console.error("[pasar] chart could not be drawn:", error);
    notice("failed", "This chart could not be drawn.", () => {
      model.send({ event: "redraw" });
      start();
    });
    model.send({ event: "error", message: String((error && error.message) || error) });
  }

  function stuck() {
    console.error("[pasar] chart stopped receiving updates; Redraw routes them another way");
    notice("stuck", "This chart stopped updating.", () => {
      if (lib) lib.send({ request: "figure", id: model.get("_id") }, {});
    });
    model.send({ event: "error", message: "stuck" });
  }

  function shownRev() {
    return Math.max(model.get("_rev"), routed ? routed.rev : -1);
  }

  async function draw() {
    queued = false;
    if (disposed || !Plotly) return;
    let rev, data, layout;
    if (routed && routed.rev >= model.get("_rev")) {
      ({ data, layout } = JSON.parse(routed.json));
      rev = routed.rev;
    } else {
      rev = model.get("_rev");
      data = decode(model.get("_widget_data"));
      layout = decode(model.get("_widget_layout"));
    }
    const config = { responsive: true, displaylogo: false, ...(model.get("_config") || {}) };
    await Plotly.react(graph, data, layout, config);
    if (disposed) return;
    fit();
    if (!status.querySelector(".pasar-plot-failed")) status.textContent = "";
    model.send({ event: "drawn", rev });
  }

  // a chart is as wide as its cell: plotly sizes a chart when it draws (700 px when its cell is
  // not laid out yet, e.g. in a hidden tab or before Voila shows the page) and afterwards
  // follows only the window's size; this follows the cell's (a panel opening, a sidebar, fonts)
  function fit() {
    const full = graph._fullLayout;
    if (disposed || !Plotly || !full || !graph.isConnected || graph.clientWidth < 10) return;
    if (Math.abs(full.width - graph.clientWidth) > 1) {
      Plotly.Plots.resize(graph).catch(() => {}); // hidden again meanwhile: the next resize
    }
  }
  const cell = new ResizeObserver(fit);
  cell.observe(el);

  function schedule() {
    if (queued || !Plotly) return;
    queued = true; // coalesce a burst of changes into one draw
    drawing = drawing.then(() => new Promise((r) => requestAnimationFrame(r)))
      .then(draw).catch(fail);
  }

  function start() {
    loadPlotly(model).then((P) => {
      Plotly = P;
      schedule();
    }, fail);
  }

  function onLibrary(content) {
    const id = model.get("_id");
    if (!content || !id) return;
    if (content.status === id) {
      if (content.rev <= shownRev()) {
        behindSince = null;
      } else if (behindSince === null) {
        behindSince = performance.now();
      } else if (performance.now() - behindSince >= BEHIND_MS) {
        stuck();
      }
    } else if (content.figure === id) {
      routed = { rev: content.rev, json: content.json };
      status.textContent = "";
      schedule();
    }
  }

  function check() {
    if (checks.length || !lib || !model.get("_id")) return; // a round is under way
    checks = CHECKS_MS.map((ms, i) => setTimeout(() => {
      if (i === CHECKS_MS.length - 1) checks = [];
      if (!disposed) lib.send({ request: "status", id: model.get("_id") }, {});
    }, ms));
  }

  const ref = model.get("_library") || "";
  model.widget_manager.get_model(ref.slice(PREFIX.length)).then((m) => {
    if (disposed) return;
    lib = m;
    lib.on("msg:custom", onLibrary);
  }, () => {});
  for (const e of EVENTS) document.addEventListener(e, check, true);
  model.on("change:_rev", schedule);
  start();
  return () => {
    disposed = true;
    cell.disconnect();
    for (const e of EVENTS) document.removeEventListener(e, check, true);
    checks.forEach(clearTimeout);
    if (lib) lib.off("msg:custom", onLibrary);
    model.off("change:_rev", schedule);
    model.off("change:_aria_label change:_describedby", describe);
    if (Plotly) Plotly.purge(graph);
  };
}

export default { render };
