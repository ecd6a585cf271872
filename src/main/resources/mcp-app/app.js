// The dashboard panel inside an MCP client (an MCP App): the web dashboard's cards and tables, fed by calling
// AgentMeter's tools through the host. It makes no request of its own; the bridge is its only way out.

import { renderCards, uptimeTicker } from '../dashboard/cards.js';
import * as cards from '../dashboard/cards.js';
import { bindButtons, showNotice } from '../dashboard/controls.js';
import { formatClock } from '../dashboard/format.js';
import { connectionState, showState } from '../dashboard/status.js';
import { refreshRelativeTimes, renderErrors, renderTaskStats } from '../dashboard/tables.js';
import * as tables from '../dashboard/tables.js';
import { callTool, connectBridge } from './bridge.js';
import { startPacer } from './pacer.js';
import { drawLatency, drawThroughput } from './sparklines.js';
import { applyTheme } from './theme.js';

const APP_INFO = { name: 'agentmeter-dashboard-panel', version: '1' };
const REFRESH_EVERY_MS = 1000;
const TICK_MS = 1000;

const state = {
  // {task} or {agent} from the tool call that opened the panel; {} for every task.
  filter: {},
  lastFetchFailed: false,
  lastSuccessMs: null,
  hostContext: {},
};

const monotonicNow = () => performance.now();
const uptime = uptimeTicker();
let pacer = null;

const bridge = connectBridge({ onTeardown: () => pacer?.stop() });

function updateStatus() {
  showState(document.getElementById('status'), connectionState({
    streamOpen: false, lastFetchFailed: state.lastFetchFailed, lastSuccessMs: state.lastSuccessMs, nowMs: monotonicNow(),
  }));
}

function render(view) {
  const { dashboard, tasks, timeseries, models } = view;
  renderCards(dashboard.metrics);
  uptime.anchor(dashboard.metrics.uptime_seconds, monotonicNow());
  // Parts the web dashboard may grow (tokens, cost, models) are drawn by its own modules where they have them.
  cards.renderLastMinuteCost?.(timeseries);
  renderErrors(dashboard.recent_errors, Date.now());
  renderTaskStats(tasks);
  if (document.getElementById('models')) tables.renderModels?.(models);
  drawThroughput(document.getElementById('spark-throughput'), timeseries);
  drawLatency(document.getElementById('spark-latency'), timeseries);
  document.getElementById('updated').textContent = `updated ${formatClock(new Date())}`;
}

async function refresh() {
  let view;
  try {
    view = await callTool(bridge, 'get_live_view', state.filter);
  } catch (err) {
    state.lastFetchFailed = true;
    updateStatus();
    console.warn('AgentMeter panel refresh failed:', err.message);
    return;
  }
  state.lastFetchFailed = false;
  state.lastSuccessMs = monotonicNow();
  updateStatus();
  render(view);
}

/** Says which task or agent the panel narrows to; the cards always count every task. */
function showFilter(filter) {
  const note = document.getElementById('filter-note');
  if (filter.task) note.textContent = `task: ${filter.task}`;
  else if (filter.agent) note.textContent = `agent: ${filter.agent}`;
  else note.textContent = '';
}

function useFilter(args) {
  const filter = {};
  if (typeof args?.task === 'string' && args.task) filter.task = args.task;
  else if (typeof args?.agent === 'string' && args.agent) filter.agent = args.agent;
  state.filter = filter;
  showFilter(filter);
  pacer?.soon();
}

function useHostContext(context) {
  state.hostContext = { ...state.hostContext, ...context };
  applyTheme(state.hostContext.theme);
}

/**
 * Tells the host how big the panel's content is, so it can size the frame to fit, smaller as well as larger:
 * the root element's own height (not the frame's scroll height, which never drops below the frame), at most
 * once a frame and only when it changed.
 */
function reportSize() {
  let last = '';
  let pending = false;
  const measure = () => {
    pending = false;
    const width = Math.ceil(window.innerWidth);
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    const size = `${width}x${height}`;
    if (size === last) return;
    last = size;
    bridge.notify('ui/notifications/size-changed', { width, height });
  };
  const observer = new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(measure);
  });
  observer.observe(document.documentElement);
  observer.observe(document.body);
}

async function act(call, successMessage) {
  try {
    await call();
    if (successMessage) showNotice(successMessage, 'info');
  } catch (err) {
    showNotice(err.message, 'error');
  }
  pacer?.soon();
}

function simulate(shouldFail) {
  return act(() => callTool(bridge, 'simulate_agent_task', {
    name: shouldFail ? 'panel-failing-task' : 'panel-task', duration: 0.2, should_fail: shouldFail,
  }));
}

/** A reset cannot be undone, and a framed page may not open dialogs: the panel asks in a bar of its own. */
function askToReset(ask) {
  const bar = document.getElementById('confirm-reset');
  bar.hidden = !ask;
  if (ask) document.getElementById('btn-reset-confirm').focus();
}

bindButtons({
  'btn-simulate': () => simulate(false),
  'btn-simulate-fail': () => simulate(true),
  'btn-reset': () => askToReset(true),
  'btn-reset-cancel': () => askToReset(false),
  'btn-reset-confirm': () => {
    askToReset(false);
    act(() => callTool(bridge, 'reset_performance_metrics', {}), 'Metrics reset.');
  },
});

bridge.on('ui/notifications/tool-input', (params) => useFilter(params.arguments));
bridge.on('ui/notifications/host-context-changed', useHostContext);

async function start() {
  try {
    useHostContext(await bridge.initialize(APP_INFO));
  } catch (err) {
    state.lastFetchFailed = true;
    updateStatus();
    showNotice(`The host did not start the panel: ${err.message}`, 'error');
    return;
  }
  reportSize();
  pacer = startPacer(refresh, { intervalMs: REFRESH_EVERY_MS });
  setInterval(() => {
    refreshRelativeTimes(Date.now());
    uptime.tick(monotonicNow());
    updateStatus();
  }, TICK_MS);
}

start();
