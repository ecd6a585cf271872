// The tables: request history, error log, per-task and per-model breakdowns. Every value enters via textContent.

import { formatCount, formatDuration, formatMoney, formatPercent, formatRelative, formatTokenPair, NONE } from './format.js';

const NO_TASKS = 'No tasks yet: call simulate_agent_task or click Simulate.';
const NO_ERRORS = 'No errors recorded.';
const NO_MODELS = 'No model calls yet: send OpenTelemetry GenAI spans to /v1/traces, or report tasks with a model.';

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

/** A task name; long ones are cut by CSS, so the full name goes in the tooltip. */
function nameCell(name) {
  const text = String(name ?? '');
  const td = cell(text, 'name');
  td.setAttribute('title', text);
  return td;
}

/** A relative time that refreshRelativeTimes keeps current; the exact ISO time shows on hover. */
function timeCell(iso, nowMs, extraClass) {
  const td = cell(formatRelative(iso, nowMs), extraClass ? `time ${extraClass}` : 'time');
  td.setAttribute('title', iso);
  td.setAttribute('data-timestamp', iso);
  return td;
}

/** What a task's model call used, blank for a task without one, so tool calls do not fill the row with dashes. */
function usageCells(entry) {
  const model = cell(entry.model ?? '', 'name col-model');
  if (entry.model) model.setAttribute('title', entry.provider ? `${entry.model} (${entry.provider})` : entry.model);
  const hasTokens = typeof entry.input_tokens === 'number' || typeof entry.output_tokens === 'number';
  const tokens = cell(hasTokens ? formatTokenPair(entry.input_tokens, entry.output_tokens) : '', 'num col-tokens');
  if (hasTokens) tokens.setAttribute('title', `${entry.input_tokens ?? '?'} in, ${entry.output_tokens ?? '?'} out`);
  const hasCost = typeof entry.cost_usd === 'number';
  const cost = cell(hasCost ? formatMoney(entry.cost_usd) : '', 'num col-cost');
  if (hasCost) cost.setAttribute('title', `${entry.cost_usd} USD`);
  return [model, tokens, cost];
}

function outcomeCell(success) {
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('data-outcome', success ? 'success' : 'failure');
  badge.textContent = success ? 'success' : 'failed';
  const td = document.createElement('td');
  td.className = 'outcome';
  td.append(badge);
  return td;
}

function row(...cells) {
  const tr = document.createElement('tr');
  tr.append(...cells);
  return tr;
}

function emptyRow(columns, message) {
  // The inner block stays in view while a wide table scrolls sideways on a phone.
  const text = document.createElement('span');
  text.className = 'empty-text';
  text.textContent = message;
  const td = document.createElement('td');
  td.className = 'empty';
  td.colSpan = columns;
  td.append(text);
  const tr = row(td);
  tr.className = 'empty-row';
  return tr;
}

// What each body was last built from, kept out of the DOM.
const renderedKeys = new WeakMap();

/**
 * Rebuilds a table body from data, unless the data is the same as last time: rebuilding
 * would only throw away the reader's text selection.
 */
function fillBody(tableId, items, buildRow, emptyMessage) {
  const table = document.getElementById(tableId);
  const body = table?.tBodies[0];
  if (!body) return;
  const key = JSON.stringify(items);
  if (renderedKeys.get(body) === key) return;
  renderedKeys.set(body, key);
  const columns = table.tHead?.rows[0]?.cells.length ?? 1;
  const rows = items.length ? items.map(buildRow) : [emptyRow(columns, emptyMessage)];
  body.replaceChildren(...rows);
}

export function renderHistory(entries, nowMs) {
  fillBody('request-history', entries ?? [], (entry) => row(
    timeCell(entry.timestamp, nowMs, 'col-time'),
    nameCell(entry.endpoint),
    cell(formatDuration(entry.response_time_ms), 'num col-duration'),
    outcomeCell(entry.success),
    cell(entry.error ?? NONE, entry.error ? 'message col-error' : 'message muted col-error'),
    cell(entry.agent ?? NONE, entry.agent ? 'agent col-agent' : 'agent muted col-agent'),
    ...usageCells(entry),
  ), NO_TASKS);
}

export function renderErrors(entries, nowMs) {
  fillBody('error-log', entries ?? [], (entry) => row(
    timeCell(entry.timestamp, nowMs),
    nameCell(entry.endpoint),
    cell(entry.error_message ?? NONE, 'message'),
  ), NO_ERRORS);
}

export function renderTaskStats(tasks) {
  fillBody('task-stats', tasks ?? [], (task) => row(
    nameCell(task.name),
    cell(formatCount(task.count), 'num'),
    cell(formatPercent(task.error_rate), task.error_rate > 0 ? 'num bad' : 'num'),
    cell(formatDuration(task.avg_response_time_ms), 'num'),
    cell(formatDuration(task.p50_response_time_ms), 'num'),
    cell(formatDuration(task.p95_response_time_ms), 'num'),
    cell(formatDuration(task.p99_response_time_ms), 'num'),
  ), NO_TASKS);
}

/** Error rate of a model in percent, as the task table shows it. */
function errorRate(model) {
  return model.requests > 0 ? (100 * model.failed_requests) / model.requests : null;
}

/** Per model, in the server's order (busiest first); every agent's calls, whatever the filter. */
export function renderModels(models) {
  fillBody('models', models ?? [], (model) => {
    const rate = errorRate(model);
    return row(
      nameCell(model.model),
      cell(model.provider ?? NONE, model.provider ? 'col-provider' : 'muted col-provider'),
      cell(formatCount(model.requests), 'num'),
      cell(formatCount(model.failed_requests), model.failed_requests > 0 ? 'num bad col-failed' : 'num col-failed'),
      cell(formatPercent(rate), rate > 0 ? 'num bad col-error-rate' : 'num col-error-rate'),
      cell(formatDuration(model.p50_response_time_ms), 'num col-p50'),
      cell(formatDuration(model.p95_response_time_ms), 'num col-p95'),
      cell(formatCount(model.input_tokens), 'num col-input'),
      cell(formatCount(model.output_tokens), 'num col-output'),
      cell(formatMoney(model.cost_usd), 'num cost'),
    );
  }, NO_MODELS);
}

/** Moves every "3s ago" on; rows are only rebuilt when their data changes. */
export function refreshRelativeTimes(nowMs, root = document) {
  for (const td of root.querySelectorAll('td[data-timestamp]')) {
    td.textContent = formatRelative(td.getAttribute('data-timestamp'), nowMs);
  }
}
