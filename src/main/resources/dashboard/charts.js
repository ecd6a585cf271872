// Throughput, latency, and tokens and cost over the last 15 minutes, drawn by uPlot (loaded as the global `uPlot`).

import { formatCount, formatDuration, formatMoney } from './format.js';
import { usageColumns } from './usage.js';

const DEFAULT_HEIGHT_PX = 200;

/** Chart colours come from CSS custom properties, so the light and dark themes own them. */
function readPalette() {
  const style = getComputedStyle(document.documentElement);
  const v = (name) => style.getPropertyValue(name).trim();
  return {
    axis: v('--chart-axis'),
    grid: v('--chart-grid'),
    success: v('--chart-success'),
    successFill: v('--chart-success-fill'),
    failure: v('--chart-failure'),
    failureFill: v('--chart-failure-fill'),
    p50: v('--chart-p50'),
    p95: v('--chart-p95'),
    p99: v('--chart-p99'),
    input: v('--chart-input'),
    output: v('--chart-output'),
    cost: v('--chart-cost'),
  };
}

function chartHeight(container) {
  const fromCss = parseFloat(getComputedStyle(container).getPropertyValue('--chart-height'));
  return Number.isFinite(fromCss) ? fromCss : DEFAULT_HEIGHT_PX;
}

function axis(palette, extra) {
  return {
    stroke: palette.axis,
    grid: { stroke: palette.grid, width: 1 },
    ticks: { stroke: palette.grid, width: 1 },
    ...extra,
  };
}

/** A range from zero to a little above the top value, and never lower than `floor`. */
function fromZeroTo(floor) {
  return (u, dataMin, dataMax) => [0, Math.max(dataMax ?? 0, floor) * 1.15];
}

const fromZero = fromZeroTo(1);

/** Dots only where data is sparse: a lone task in a quiet quarter-hour is otherwise invisible. */
function dotsWhenSparse(u, seriesIdx) {
  let points = 0;
  for (const value of u.data[seriesIdx]) if (value !== null && value !== undefined) points++;
  return points <= 60;
}

function throughputOptions(palette) {
  const stepped = uPlot.paths.stepped({ align: 1 });
  const perSecond = (u, v) => (v === null || v === undefined ? '—' : `${v}/s`);
  return {
    scales: { x: { time: true }, y: { range: fromZero } },
    axes: [
      axis(palette),
      axis(palette, { size: 44, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] }),
    ],
    series: [
      {},
      { label: 'Success', stroke: palette.success, fill: palette.successFill, width: 1.5, paths: stepped, points: { show: false }, value: perSecond },
      { label: 'Failure', stroke: palette.failure, fill: palette.failureFill, width: 1.5, paths: stepped, points: { show: false }, value: perSecond },
    ],
  };
}

function latencyOptions(palette) {
  const ms = (u, v) => formatDuration(v);
  const line = (label, stroke) => ({
    label, stroke, width: 1.5, spanGaps: true, value: ms,
    points: { show: dotsWhenSparse, size: 5, fill: stroke, stroke },
  });
  return {
    scales: { x: { time: true }, y: { range: fromZero } },
    axes: [
      axis(palette),
      axis(palette, { size: 64, values: (u, splits) => splits.map((v) => formatDuration(v)) }),
    ],
    series: [{}, line('p50', palette.p50), line('p95', palette.p95), line('p99', palette.p99)],
  };
}

/**
 * Tick steps of 1, 2 and 5 times a power of ten from `smallest` up: labels then read exactly at the precision
 * they are printed with (steps of 0.025 would print $0.03 beside $0.05).
 */
function oneTwoFive(smallest, largest) {
  const steps = [];
  for (let power = smallest; power <= largest; power *= 10) steps.push(power, power * 2, power * 5);
  // Multiplying by ten again and again drifts (0.00009999999999999999): each step is one digit, so round to it.
  return steps.map((step) => Number(step.toPrecision(1)));
}

/**
 * Tokens per minute (input and output, left axis) and cost per minute (right axis, its own scale: a dollar
 * and a million tokens do not share one).
 */
function usageOptions(palette) {
  const tokens = (u, v) => (v === null || v === undefined ? '—' : `${formatCount(v)}/min`);
  const dollars = (u, v) => (v === null || v === undefined ? '—' : `${formatMoney(v)}/min`);
  const line = (label, stroke, scale, value) => ({
    label, stroke, scale, value, width: 1.5, points: { show: false },
  });
  return {
    scales: { x: { time: true }, tokens: { range: fromZeroTo(10) }, usd: { range: fromZeroTo(0.01) } },
    axes: [
      axis(palette),
      axis(palette, {
        scale: 'tokens', size: 52, incrs: oneTwoFive(1, 1e9), values: (u, splits) => splits.map((v) => formatCount(v)),
      }),
      axis(palette, {
        scale: 'usd', side: 1, size: 64, grid: { show: false }, incrs: oneTwoFive(1e-6, 1e5),
        values: (u, splits) => splits.map((v) => formatMoney(v)),
      }),
    ],
    series: [
      {},
      line('Input tokens', palette.input, 'tokens', tokens),
      line('Output tokens', palette.output, 'tokens', tokens),
      { ...line('Cost', palette.cost, 'usd', dollars), dash: [6, 3] },
    ],
  };
}

const KINDS = {
  throughput: {
    options: throughputOptions,
    columns: (ts) => [ts.timestamps ?? [], ts.successes ?? [], ts.failures ?? []],
    empty: [[], [], []],
  },
  latency: {
    options: latencyOptions,
    columns: (ts) => [ts.timestamps ?? [], ts.p50_ms ?? [], ts.p95_ms ?? [], ts.p99_ms ?? []],
    empty: [[], [], [], []],
  },
  usage: { options: usageOptions, columns: usageColumns, empty: [[], [], [], []] },
};

/**
 * One uPlot chart that follows its container's width and the colour scheme.
 * `kind` is a key of KINDS.
 */
function mountChart(container, kind) {
  const { options: makeOptions, columns: toColumns, empty } = KINDS[kind];
  let columns = empty;
  let plot = null;
  let width = 0;

  const build = () => {
    plot?.destroy();
    width = Math.floor(container.clientWidth);
    const options = {
      ...makeOptions(readPalette()),
      width: Math.max(width, 1),
      height: chartHeight(container),
      legend: { show: true, live: true },
      // Drag-to-zoom would be undone by the next refresh a few seconds later.
      cursor: { drag: { x: false, y: false } },
    };
    plot = new uPlot(options, columns, container);
  };

  // Only width changes matter; the chart's own height change must not feed back into a resize.
  new ResizeObserver(() => {
    const next = Math.floor(container.clientWidth);
    if (plot && next > 0 && next !== width) {
      width = next;
      plot.setSize({ width: next, height: chartHeight(container) });
    }
  }).observe(container);

  build();
  return {
    update(timeseries) {
      columns = timeseries ? toColumns(timeseries) : empty;
      plot.setData(columns);
    },
    rebuild: build,
  };
}

function showUnavailable(container) {
  const note = document.createElement('p');
  note.className = 'chart-unavailable';
  note.textContent = 'Charts are unavailable: the uPlot library did not load.';
  container.replaceChildren(note);
}

const CHART_IDS = { 'chart-throughput': 'throughput', 'chart-latency': 'latency', 'chart-usage': 'usage' };

/** Mounts every chart; returns update(timeseries). Without uPlot the rest of the page still works. */
export function createCharts(root = document) {
  const mounts = Object.entries(CHART_IDS)
    .map(([id, kind]) => [root.getElementById(id), kind])
    .filter(([el]) => el);
  if (typeof globalThis.uPlot !== 'function') {
    mounts.forEach(([el]) => showUnavailable(el));
    return { update() {} };
  }
  const charts = mounts.map(([el, kind]) => mountChart(el, kind));

  // The colours live in CSS; a theme switch needs the charts drawn again with the new ones.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => charts.forEach((c) => c.rebuild()));

  return {
    update(timeseries) {
      if (timeseries) charts.forEach((c) => c.update(timeseries));
    },
  };
}
