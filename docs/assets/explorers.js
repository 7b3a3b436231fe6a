// The explorers: a slider chooses among values the snippets computed at build time
// (docs/plugins/explorers.py ships them in the page as JSON), and this script draws them.
// It computes nothing: every number it shows is a string from the build.
(() => {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const STYLE = `
.explorer{--ex-a:#0072b2;--ex-b:#b34700;--ex-ink:var(--md-default-fg-color);
  --ex-soft:var(--md-default-fg-color--lighter);margin:1em 0 1.5em;padding:.6em .8em;
  border:.05rem solid var(--md-default-fg-color--lightest);border-radius:.2rem}
[data-md-color-scheme=slate] .explorer{--ex-a:#56b4e9;--ex-b:#e69f00}
.explorer__title{font-weight:700;margin:0 0 .4em}
.explorer__control{display:flex;flex-wrap:wrap;align-items:center;gap:.3em .8em}
.explorer__control input{flex:1 1 12rem;min-width:0;accent-color:var(--ex-a)}
.explorer__control output{font-family:var(--md-code-font-family);min-width:7em}
.explorer button{font:inherit;border:.05rem solid var(--md-default-fg-color--light);
  border-radius:.2rem;padding:.1em .5em;margin:.1em .3em .1em 0;cursor:pointer;color:inherit;background:none}
.explorer button[aria-pressed=true]{background:var(--md-default-fg-color--lightest);font-weight:700}
.explorer p{margin:.4em 0}
.explorer pre{margin:.2em 0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.85em}
.md-typeset .explorer__table{display:table;width:100%;border-collapse:collapse;font-size:.8em;margin:.2em 0}
.explorer__table th,.explorer__table td{padding:.15em .4em;text-align:left;vertical-align:top}
.explorer__table td{font-family:var(--md-code-font-family);overflow-wrap:anywhere}
.explorer__plots{display:flex;flex-wrap:wrap;gap:.5em;justify-content:center}
.explorer__plots svg{flex:1 1 15rem;max-width:22rem;height:auto}
.explorer svg text{fill:var(--ex-ink);font-size:11px;font-family:var(--md-text-font-family)}
.explorer .ink{stroke:var(--ex-ink)}.explorer .soft{stroke:var(--ex-soft)}
.explorer .a{stroke:var(--ex-a)}.explorer .b{stroke:var(--ex-b)}
.explorer .fill-a{fill:var(--ex-a)}.explorer .fill-b{fill:var(--ex-b)}`;

  function make(tag, attributes = {}, parent = null, text = "") {
    const namespace = ["svg", "g", "path", "circle", "line", "text", "rect", "clipPath"].includes(tag);
    const element = namespace ? document.createElementNS(SVG, tag) : document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    if (text) element.textContent = text;
    if (parent) parent.appendChild(element);
    return element;
  }

  // A plot: an SVG of width × height with a drawing area inside margins, and scales mapping
  // data to that area.
  function plot(parent, label, width, height, margin, [x0, x1], [y0, y1]) {
    const svg = make("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": label }, parent);
    const [left, right, top, bottom] = margin;
    const id = `clip-${Math.random().toString(36).slice(2)}`;
    make("rect", { x: left, y: top, width: width - left - right, height: height - top - bottom },
      make("clipPath", { id }, svg));
    const x = (v) => left + ((v - x0) / (x1 - x0)) * (width - left - right);
    const y = (v) => height - bottom - ((v - y0) / (y1 - y0)) * (height - top - bottom);
    const layer = () => make("g", { "clip-path": `url(#${id})` }, svg);
    make("rect", { x: left, y: top, width: width - left - right, height: height - top - bottom,
      fill: "none", class: "soft" }, svg);
    return { svg, x, y, layer, left, right, top, bottom, width, height };
  }

  function line(points, attributes, parent) {
    const d = points.filter(([a, b]) => a !== null && b !== null)
      .map(([a, b], i) => `${i ? "L" : "M"}${a.toFixed(1)} ${b.toFixed(1)}`).join("");
    return make("path", { d: d || "M0 0", fill: "none", ...attributes }, parent);
  }

  function xTick(p, value, text) {
    make("line", { x1: p.x(value), x2: p.x(value), y1: p.height - p.bottom, y2: p.height - p.bottom + 4, class: "soft" }, p.svg);
    make("text", { x: p.x(value), y: p.height - p.bottom + 15, "text-anchor": "middle" }, p.svg, text);
  }

  function yTick(p, value, text) {
    make("line", { x1: p.left - 4, x2: p.left, y1: p.y(value), y2: p.y(value), class: "soft" }, p.svg);
    make("text", { x: p.left - 6, y: p.y(value) + 4, "text-anchor": "end" }, p.svg, text);
  }

  function slider(root, id, label, count, first) {
    const control = make("div", { class: "explorer__control" }, root);
    make("label", { for: id }, control, label);
    const input = make("input", { type: "range", id, min: 0, max: count - 1, step: 1 }, control);
    input.value = first;
    const output = make("output", { for: id }, control);
    return { input, output };
  }

  function learningRate(root, { labels, data }) {
    const id = "explorer-learning-rate";
    const { input, output } = slider(root, id, labels.slider, data.slider, data.first);
    const book = make("p", {}, root, labels.book + " ");
    const buttons = data.rates.slice(data.slider).map((rate, offset) => {
      const button = make("button", { type: "button", "aria-pressed": "false" }, book, `η = ${rate.lr}`);
      button.addEventListener("click", () => show(data.slider + offset));
      return button;
    });
    const numbers = make("p", { "aria-live": "polite", class: "explorer__numbers" }, root);
    make("p", {}, root, labels.outcome);
    const outcome = make("pre", {}, root);
    const plots = make("div", { class: "explorer__plots" }, root);

    const path = plot(plots, labels.path, 240, 240, [26, 6, 6, 26], [-4.5, 4.5], [-4.5, 4.5]);
    const contours = path.layer();
    for (const r of data.radii) make("circle", { cx: path.x(0), cy: path.y(0), r: path.x(r) - path.x(0), fill: "none", class: "soft" }, contours);
    line([[path.x(-4.5), path.y(0)], [path.x(4.5), path.y(0)]], { class: "soft", "stroke-dasharray": "4 3" }, contours);
    line([[path.x(0), path.y(-4.5)], [path.x(0), path.y(4.5)]], { class: "soft", "stroke-dasharray": "4 3" }, contours);
    for (const v of [-4, -2, 0, 2, 4]) { xTick(path, v, String(v)); yTick(path, v, String(v)); }
    make("text", { x: path.width - 8, y: path.height - path.bottom - 5, "text-anchor": "end" }, path.svg, "x₀");
    make("text", { x: path.left + 5, y: path.top + 12 }, path.svg, "x₁");
    const pathLayer = path.layer();

    const [low, high] = [-22, 8];
    const distance = plot(plots, labels.distance, 300, 240, [40, 14, 6, 26], [0, data.steps], [low, high]);
    for (const v of [-20, -10, 0]) yTick(distance, v, v ? `1e${v}` : "1");
    for (const v of [0, 25, 50, 75, 100]) xTick(distance, v, String(v));
    make("text", { x: distance.width - 12, y: distance.height - distance.bottom - 5, "text-anchor": "end" }, distance.svg, "k");
    make("text", { x: distance.left + 5, y: distance.top + 12 }, distance.svg, "‖xₖ‖");
    const distanceLayer = distance.layer();

    function show(index) {
      const rate = data.rates[index];
      if (index < data.slider) input.value = index;
      buttons.forEach((button, offset) => button.setAttribute("aria-pressed", String(data.slider + offset === index)));
      const text = `η = ${rate.lr}, ${labels.factor} = ${rate.factor}`;
      output.value = `η = ${rate.lr}`;
      input.setAttribute("aria-valuetext", index < data.slider ? text : `η = ${data.rates[input.value].lr}`);
      numbers.textContent = text;
      root.dataset.lr = rate.lr;
      outcome.textContent = rate.outcome;
      pathLayer.replaceChildren();
      const points = rate.path.map(([a, b]) => [path.x(a), path.y(b)]);
      line(points, { class: "a", "stroke-width": 1.5 }, pathLayer);
      for (const [a, b] of points) make("circle", { cx: a, cy: b, r: 2.2, class: "fill-a" }, pathLayer);
      distanceLayer.replaceChildren();
      const curve = rate.distance.map((v, k) => [distance.x(k), v === null ? null : distance.y(Math.min(Math.max(v, low), high))]);
      line(curve, { class: "a", "stroke-width": 1.5 }, distanceLayer);
      if (rate.distance.length <= data.steps) { // stopped early: numerical_gradient refused
        const [a, b] = curve[curve.length - 1];
        line([[a - 5, b - 5], [a + 5, b + 5]], { class: "b", "stroke-width": 2 }, distanceLayer);
        line([[a - 5, b + 5], [a + 5, b - 5]], { class: "b", "stroke-width": 2 }, distanceLayer);
      }
    }
    input.addEventListener("input", () => show(Number(input.value)));
    show(data.first);
  }

  function differenceError(root, { labels, data }) {
    const id = "explorer-difference-error";
    const { input, output } = slider(root, id, labels.slider, data.stops.length, data.first);
    const table = make("table", { "aria-live": "polite", class: "explorer__table" }, root);
    const head = make("tr", {}, make("thead", {}, table));
    for (const text of ["", labels.slope, labels.error]) make("th", { scope: "col" }, head, text);
    const body = make("tbody", {}, table);
    const rows = {};
    // Each row names its line in the plots, drawn beside the name: colour and dashes.
    const key = (cell, attributes) => {
      const sample = make("svg", { width: 26, height: 8, "aria-hidden": "true" }, cell);
      make("line", { x1: 1, x2: 25, y1: 4, y2: 4, "stroke-width": 2, ...attributes }, sample);
      cell.append(" ");
    };
    for (const [name, label, colour, dash] of [["forward_difference", labels.forward, "b", ""], ["central_difference", labels.central, "a", "5 3"]]) {
      const row = make("tr", {}, body);
      key(make("th", { scope: "row" }, row), { class: colour, "stroke-dasharray": dash });
      row.lastChild.append(label);
      rows[name] = [make("td", {}, row), make("td", {}, row)];
    }
    const exact = make("tr", {}, body);
    key(make("th", { scope: "row" }, exact), { class: "soft", "stroke-width": 4 });
    exact.lastChild.append(labels.tangent);
    make("td", {}, exact, data.exact);
    make("td", {}, exact, "");
    const plots = make("div", { class: "explorer__plots" }, root);

    const [low, high] = [-12, 1];
    const errors = plot(plots, labels.errors, 300, 220, [40, 12, 6, 26], [-16, 0], [low, high]);
    for (const v of [-16, -12, -8, -4, 0]) xTick(errors, v, v ? `1e${v}` : "1");
    for (const v of [-12, -8, -4, 0]) yTick(errors, v, v ? `1e${v}` : "1");
    make("text", { x: errors.width - 12, y: errors.height - errors.bottom - 5, "text-anchor": "end" }, errors.svg, "h");
    const curves = errors.layer();
    const clamp = (v) => (v === null ? null : Math.min(Math.max(v, low - 1), high + 1));
    const series = [["forward_difference", "b", ""], ["central_difference", "a", "5 3"]];
    for (const [key, colour, dash] of series) {
      line(data.log10steps.map((h, i) => [errors.x(h), errors.y(clamp(data.errors[key][i]))]),
        { class: colour, "stroke-width": 1.5, "stroke-dasharray": dash }, curves);
    }
    const marks = errors.layer();

    const secants = plot(plots, labels.secants, 240, 220, [26, 6, 6, 26], [0, 2], [0, 8]);
    for (const v of [0, 1, 2]) xTick(secants, v, String(v));
    for (const v of [0, 2, 4, 6, 8]) yTick(secants, v, String(v));
    make("text", { x: secants.width - 10, y: secants.height - secants.bottom - 5, "text-anchor": "end" }, secants.svg, "x");
    const curveLayer = secants.layer();
    line(data.curve.map(([t, v]) => [secants.x(t), secants.y(v)]), { class: "ink", "stroke-width": 2 }, curveLayer);
    const x = Number(data.x);
    const through = ([a, b], slope) => [[secants.x(0), secants.y(b + slope * (0 - a))], [secants.x(2), secants.y(b + slope * (2 - a))]];
    line(through([x, data.fx], Number(data.exact)), { class: "soft", "stroke-width": 4 }, curveLayer);
    const secantLayer = secants.layer();

    function show(index) {
      const stop = data.stops[index];
      output.value = `h = ${stop.h}`;
      root.dataset.h = stop.h;
      for (const key of Object.keys(rows)) {
        rows[key][0].textContent = stop[key].slope;
        rows[key][1].textContent = stop[key].error;
      }
      input.setAttribute("aria-valuetext",
        `h = ${stop.h}, ${labels.forward} ${labels.error} ${stop.forward_difference.error}, ` +
        `${labels.central} ${labels.error} ${stop.central_difference.error}`);
      marks.replaceChildren();
      line([[errors.x(stop.log10h), errors.y(low)], [errors.x(stop.log10h), errors.y(high)]], { class: "soft", "stroke-dasharray": "2 3" }, marks);
      for (const [key, colour] of series) {
        const value = stop[key].log10error;
        if (value !== null) make("circle", { cx: errors.x(stop.log10h), cy: errors.y(clamp(value)), r: 4, class: `fill-${colour}` }, marks);
      }
      secantLayer.replaceChildren();
      line(through([x, data.fx], Number(stop.forward_difference.slope)), { class: "b", "stroke-width": 1.5 }, secantLayer);
      line(through(stop.central_start, Number(stop.central_difference.slope)), { class: "a", "stroke-width": 1.5, "stroke-dasharray": "5 3" }, secantLayer);
    }
    input.addEventListener("input", () => show(Number(input.value)));
    show(data.first);
  }

  const EXPLORERS = { learning_rate: learningRate, difference_error: differenceError };
  const roots = document.querySelectorAll(".explorer[data-explorer]");
  if (roots.length) make("style", {}, document.head, STYLE);
  for (const root of roots) {
    const shipped = JSON.parse(root.querySelector("script[type='application/json']").textContent);
    const title = make("p", { class: "explorer__title", id: `${root.dataset.explorer}-title` }, root, shipped.labels.title);
    root.setAttribute("role", "group");
    root.setAttribute("aria-labelledby", title.id);
    EXPLORERS[root.dataset.explorer](root, shipped);
    root.hidden = false;
  }
})();
