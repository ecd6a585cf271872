// Wires the page: loads the data, follows the event stream, polls as a fallback, runs the buttons.

import { renderAgentOptions, selectedAgent, showAgentNote } from './agents.js';
import { renderAlerts } from './alerts.js';
import { fetchAgents, fetchSnapshot, followEvents, resetMetrics, simulateTask } from './api.js';
import { renderCards, renderLastMinuteCost, renderUsageRates, uptimeTicker } from './cards.js';
import { createCharts } from './charts.js';
import { bindButtons, showNotice, showPaused } from './controls.js';
import { formatClock } from './format.js';
import { refreshServerHealth } from './health.js';
import { connectionState, showState, STALE_AFTER_MS } from './status.js';
import { refreshRelativeTimes, renderErrors, renderHistory, renderModels, renderTaskStats } from './tables.js';

const POLL_MS = 5000;
const TICK_MS = 1000;
// Below this the browser's and the server's clocks are taken to agree.
const SKEW_TOLERANCE_MS = 2000;
// The agent list changes rarely; a burst of events asks for it at most this often.
const AGENTS_EVERY_MS = 2000;

// Ordering and ageing use a clock that never jumps when the wall clock is adjusted.
const monotonicNow = () => performance.now();

const state = {
  paused: false,
  streamOpen: false,
  lastFetchFailed: false,
  lastSuccessMs: null,
  // Newest data arrives from two sources; a slow poll must not overwrite a newer stream event.
  renderedAsOfMs: -Infinity,
  heldWhilePaused: null,
  clockOffsetMs: 0,
  polling: false,
  // '' shows every agent; otherwise the task table and the charts show this agent's tasks only (the server
  // filters both the stream and the polled document). The models table and the cards always show every agent.
  agent: '',
  // Closes the event stream of the current agent filter.
  closeStream: () => {},
  agentsFetchedMs: -Infinity,
  agentsTimer: null,
};

const agentSelect = document.getElementById('agent-filter');

const charts = createCharts();
const uptime = uptimeTicker();

/** The server's "now", so "3s ago" is right even when this machine's clock is off. */
function serverNow() {
  return Date.now() + state.clockOffsetMs;
}

function learnClockOffset(metrics) {
  const started = Date.parse(metrics.started_at);
  if (Number.isNaN(started) || typeof metrics.uptime_seconds !== 'number') return;
  const offset = started + metrics.uptime_seconds * 1000 - Date.now();
  state.clockOffsetMs = Math.abs(offset) > SKEW_TOLERANCE_MS ? offset : 0;
}

/** Shows a snapshot, unless something newer is already on screen. */
function render(snapshot, asOfMs) {
  if (asOfMs < state.renderedAsOfMs) return;
  state.renderedAsOfMs = asOfMs;
  const { dashboard, tasks, timeseries, models, alerts } = snapshot;
  if (dashboard?.metrics) {
    learnClockOffset(dashboard.metrics);
    renderCards(dashboard.metrics);
    uptime.anchor(dashboard.metrics.uptime_seconds, monotonicNow());
  }
  if (dashboard) {
    renderHistory(dashboard.recent_requests, serverNow());
    renderErrors(dashboard.recent_errors, serverNow());
  }
  if (timeseries) renderLastMinuteCost(timeseries);
  if (models) renderModels(models);
  if (tasks) renderTaskStats(tasks);
  if (timeseries) showSeries(timeseries);
  if (alerts) renderAlerts(alerts);
  refreshAgentsSoon();
  document.getElementById('updated').textContent = `updated ${formatClock(new Date())}`;
}

function showSeries(timeseries) {
  charts.update(timeseries);
  renderUsageRates(timeseries);
}

/** Refreshes the agent list now, or once the last refresh is old enough. */
function refreshAgentsSoon() {
  if (state.agentsTimer !== null) return;
  const waitMs = Math.max(0, state.agentsFetchedMs + AGENTS_EVERY_MS - monotonicNow());
  state.agentsTimer = setTimeout(() => {
    state.agentsTimer = null;
    state.agentsFetchedMs = monotonicNow();
    fetchAgents()
      .then((agents) => renderAgentOptions(agentSelect, agents))
      .catch((err) => console.warn('AgentMeter agent list failed:', err.message));
  }, waitMs);
}

function onAgentChosen() {
  state.agent = selectedAgent(agentSelect);
  showAgentNote(state.agent);
  // What is on screen is of the other filter: the first view of this one replaces it, however it arrives.
  state.renderedAsOfMs = -Infinity;
  state.heldWhilePaused = null;
  follow();
  refresh();
}

/** Follows the event stream of the current agent filter, closing the previous one. */
function follow() {
  state.closeStream();
  const agent = state.agent;
  state.closeStream = followEvents(agent, (snapshot) => onStreamSnapshot(snapshot, agent), onStreamOpenChange);
}

function markSuccess() {
  state.lastFetchFailed = false;
  state.lastSuccessMs = monotonicNow();
  updateStatus();
}

function updateStatus() {
  showState(document.getElementById('status'), connectionState({ ...state, nowMs: monotonicNow() }));
}

async function refresh() {
  const requestedAtMs = monotonicNow();
  const agent = state.agent;
  let snapshot;
  try {
    snapshot = await fetchSnapshot(agent);
  } catch (err) {
    state.lastFetchFailed = true;
    updateStatus();
    console.warn('AgentMeter refresh failed:', err.message);
    return;
  }
  markSuccess();
  // An answer for the filter the user has since changed would put one agent's figures under another's name.
  if (agent !== state.agent) return;
  render(snapshot, requestedAtMs);
}

function onStreamSnapshot(snapshot, agent) {
  if (agent !== state.agent) return;
  markSuccess();
  // An alert is news even while the figures are paused.
  if (snapshot.alerts) renderAlerts(snapshot.alerts);
  if (state.paused) {
    state.heldWhilePaused = snapshot;
    return;
  }
  render(snapshot, monotonicNow());
}

function onStreamOpenChange(open) {
  state.streamOpen = open;
  updateStatus();
}

function poll() {
  if (state.paused) return;
  // The open stream already pushes every change; an occasional poll still catches a stream stuck behind a proxy.
  const recent = state.lastSuccessMs !== null && monotonicNow() - state.lastSuccessMs < STALE_AFTER_MS;
  if (state.streamOpen && recent) return;
  // A slow server must not pile up polls; each one can take up to the request timeout.
  if (state.polling) return;
  state.polling = true;
  refresh().finally(() => { state.polling = false; });
}

function tick() {
  refreshRelativeTimes(serverNow());
  uptime.tick(monotonicNow());
  updateStatus();
}

/** Runs a button's API call; shows its error, and refreshes at once either way. */
async function act(call, successMessage) {
  try {
    await call();
    if (successMessage) showNotice(successMessage, 'info');
  } catch (err) {
    showNotice(err.message, 'error');
  }
  await refresh();
}

function togglePause() {
  state.paused = !state.paused;
  showPaused(document.getElementById('btn-pause'), state.paused);
  document.body.classList.toggle('paused', state.paused);
  if (!state.paused) {
    if (state.heldWhilePaused) render(state.heldWhilePaused, monotonicNow());
    state.heldWhilePaused = null;
    refresh();
  }
}

bindButtons({
  'btn-simulate': () => act(() => simulateTask(false)),
  'btn-simulate-fail': () => act(() => simulateTask(true)),
  'btn-reset': () => {
    if (window.confirm('Reset all metrics, history and the error log? This cannot be undone.')) {
      act(resetMetrics, 'Metrics reset.');
    }
  },
  'btn-pause': togglePause,
});

agentSelect?.addEventListener('change', onAgentChosen);
showPaused(document.getElementById('btn-pause'), false);
follow();
refresh();
setInterval(poll, POLL_MS);
refreshServerHealth();
setInterval(() => { if (!state.paused) refreshServerHealth(); }, POLL_MS);
setInterval(tick, TICK_MS);
