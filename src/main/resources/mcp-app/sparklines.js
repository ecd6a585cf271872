// Small throughput and latency lines over the last 15 minutes, drawn as SVG paths. Colours come from classes
// in the stylesheet (the dashboard's chart colours), so the theme owns them; no style is set from here.

const SVG_NS = 'http://www.w3.org/2000/svg';
const WIDTH = 300;
const HEIGHT = 48;
// A line at the very top or bottom is half cut off by the edge.
const PAD = 2;

/** The path of `values` (null is a gap) over `count` points, scaled so that `top` reaches the top. */
function linePath(values, count, top) {
  const step = count > 1 ? WIDTH / (count - 1) : 0;
  let d = '';
  let drawing = false;
  values.forEach((value, i) => {
    if (value === null || value === undefined || Number.isNaN(value)) {
      drawing = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (HEIGHT - PAD - (value / top) * (HEIGHT - 2 * PAD)).toFixed(1);
    d += `${drawing ? 'L' : 'M'}${x} ${y}`;
    drawing = true;
  });
  return d;
}

/** A lone point between gaps draws no line; a dot shows it. */
function lonePoints(values, count, top) {
  const step = count > 1 ? WIDTH / (count - 1) : 0;
  const present = (v) => v !== null && v !== undefined && !Number.isNaN(v);
  const dots = [];
  values.forEach((value, i) => {
    if (present(value) && !present(values[i - 1]) && !present(values[i + 1])) {
      dots.push([i * step, HEIGHT - PAD - (value / top) * (HEIGHT - 2 * PAD)]);
    }
  });
  return dots;
}

function topOf(...columns) {
  let top = 0;
  for (const column of columns) for (const v of column) if (typeof v === 'number' && v > top) top = v;
  return top > 0 ? top * 1.1 : 1;
}

function element(name, attributes) {
  const el = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
  return el;
}

/** Draws `lines` ([{values, className, area}]) into `svg`, replacing what was there; `area` fills below a line. */
function draw(svg, lines) {
  if (!svg) return;
  svg.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  svg.setAttribute('preserveAspectRatio', 'none');
  const count = Math.max(0, ...lines.map((line) => line.values.length));
  const top = topOf(...lines.map((line) => line.values));
  const shapes = [element('line', { x1: 0, y1: HEIGHT - PAD, x2: WIDTH, y2: HEIGHT - PAD, class: 'spark-base' })];
  for (const line of lines) {
    const d = linePath(line.values, count, top);
    if (d && line.area && line.values.length > 1) {
      const lastX = ((line.values.length - 1) * WIDTH) / (count - 1);
      shapes.push(element('path', {
        d: `${d}L${lastX.toFixed(1)} ${HEIGHT - PAD}L0 ${HEIGHT - PAD}Z`, class: `spark-area ${line.className}`,
      }));
    }
    if (d) shapes.push(element('path', { d, class: `spark-line ${line.className}` }));
    for (const [cx, cy] of lonePoints(line.values, count, top)) {
      shapes.push(element('circle', { cx: cx.toFixed(1), cy: cy.toFixed(1), r: 1.6, class: `spark-dot ${line.className}` }));
    }
  }
  svg.replaceChildren(...shapes);
}

// Quiet seconds before the first task of the window are left out (a fresh server's lines would otherwise be a
// sliver at the right edge), but a line always spans at least this many seconds.
const MIN_SPAN_SECONDS = 60;

/** Index of the first second to draw: the first with a task, or the start of the last minute if that is later. */
function firstShown(timeseries) {
  const successes = timeseries?.successes ?? [];
  const failures = timeseries?.failures ?? [];
  const latest = Math.max(0, successes.length - MIN_SPAN_SECONDS);
  for (let i = 0; i < latest; i++) if ((successes[i] ?? 0) + (failures[i] ?? 0) > 0) return i;
  return latest;
}

const shown = (column, from) => (column ?? []).slice(from);

/** Successes per second as an area; failures only where there were some, so red always means a failure. */
export function drawThroughput(svg, timeseries) {
  const from = firstShown(timeseries);
  const failures = shown(timeseries?.failures, from).map((count) => (count > 0 ? count : null));
  draw(svg, [
    { values: shown(timeseries?.successes, from), className: 'spark-success', area: true },
    { values: failures, className: 'spark-failure' },
  ]);
}

/** p50 and p95 per second; seconds without tasks are gaps. */
export function drawLatency(svg, timeseries) {
  const from = firstShown(timeseries);
  draw(svg, [
    { values: shown(timeseries?.p50_ms, from), className: 'spark-p50' },
    { values: shown(timeseries?.p95_ms, from), className: 'spark-p95' },
  ]);
}
