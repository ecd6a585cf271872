// The server-health panel: AgentMeter watching itself (GET /api/server), refreshed with the 5 s poll.

import { requestJson } from './api.js';
import { formatCount, formatDuration, formatUptime, NONE } from './format.js';

function formatBytes(bytes) {
  if (typeof bytes !== 'number') return NONE;
  const mib = bytes / (1024 * 1024);
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}

function setField(root, name, text) {
  const el = root.querySelector(`#server-health [data-server="${name}"]`);
  if (el) el.textContent = text;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const [text, className] of cells) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    tr.append(td);
  }
  return tr;
}

function fillTable(root, id, rows, emptyText, columns) {
  const body = root.querySelector(`#${id} tbody`);
  if (!body) return;
  if (rows.length === 0) {
    const tr = row([[emptyText, 'empty']]);
    tr.firstChild.colSpan = columns;
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(...rows);
}

/** Shows one /api/server answer. */
export function renderServerHealth(status, root = document) {
  setField(root, 'uptime', formatUptime(status.uptime_seconds));
  const max = status.heap_max_bytes === null ? 'no limit' : formatBytes(status.heap_max_bytes);
  setField(root, 'heap', `${formatBytes(status.heap_used_bytes)} of ${max}`);
  setField(root, 'threads', formatCount(status.threads));
  setField(root, 'streams', formatCount(status.open_event_streams));
  fillTable(root, 'server-routes', (status.routes ?? []).map((r) => row([
    [`${r.method} ${r.route}`, 'name'], [formatCount(r.requests), 'num'], [formatCount(r.server_errors), 'num'],
    [formatDuration(r.p95_ms), 'num'],
  ])), 'No API requests yet.', 4);
  fillTable(root, 'server-tools', (status.tools ?? []).map((t) => row([
    [t.tool, 'name'], [formatCount(t.calls), 'num'], [formatCount(t.errors), 'num'], [formatDuration(t.p95_ms), 'num'],
  ])), 'No MCP tool calls yet.', 4);
}

/** Fetches and shows the server's health; a failure leaves the last figures (the status badge tells). */
export async function refreshServerHealth(root = document) {
  try {
    renderServerHealth(await requestJson('GET', '/api/server'), root);
  } catch (err) {
    console.warn('AgentMeter server health failed:', err.message);
  }
}
