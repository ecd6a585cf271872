// The metric cards ([data-metric]) and the smaller figures beside them ([data-field]).

import { formatClock, formatCount, formatDuration, formatMoney, formatPercent, formatUptime, NONE } from './format.js';
import { lastMinute } from './usage.js';

/** "1.2M in": the tokens card counts input tokens, cached ones included. */
const inputTokens = (count) => (typeof count === 'number' ? `${formatCount(count)} in` : NONE);

const CARD_FORMATS = {
  total_requests: formatCount,
  successful_requests: formatCount,
  failed_requests: formatCount,
  success_rate: formatPercent,
  avg_response_time_ms: formatDuration,
  min_response_time_ms: formatDuration,
  max_response_time_ms: formatDuration,
  uptime_seconds: formatUptime,
  total_cost_usd: formatMoney,
  total_input_tokens: inputTokens,
};

const FIELD_FORMATS = {
  requests_per_minute: formatCount,
  error_rate: formatPercent,
  p50_response_time_ms: formatDuration,
  p95_response_time_ms: formatDuration,
  p99_response_time_ms: formatDuration,
  started_at: (iso) => (iso ? formatClock(new Date(iso)) : '—'),
  total_output_tokens: formatCount,
  total_cache_read_tokens: formatCount,
};

/** Green, amber or red for a success rate; nothing to judge before the first task. */
function successTone(metrics) {
  if (!metrics.total_requests) return 'neutral';
  if (metrics.success_rate >= 95) return 'good';
  if (metrics.success_rate >= 80) return 'warn';
  return 'bad';
}

function cardTone(field, metrics) {
  switch (field) {
    case 'successful_requests': return metrics.successful_requests > 0 ? 'good' : 'neutral';
    case 'failed_requests': return metrics.failed_requests > 0 ? 'bad' : 'neutral';
    case 'success_rate': return successTone(metrics);
    default: return 'neutral';
  }
}

/** Writes a formatted figure, keeping the exact value in title and data-raw for hover and for tests. */
function showFigure(el, raw, format) {
  el.textContent = format(raw);
  const exact = raw === null || raw === undefined ? '' : String(raw);
  el.setAttribute('data-raw', exact);
  if (exact) el.setAttribute('title', exact); else el.removeAttribute('title');
}

/** Fills every card and side figure from a metrics object. */
export function renderCards(metrics, root = document) {
  for (const [field, format] of Object.entries(CARD_FORMATS)) {
    const card = root.querySelector(`[data-metric="${field}"]`);
    if (!card) continue;
    const value = card.querySelector('.value');
    if (value) showFigure(value, metrics[field], format);
    card.setAttribute('data-tone', cardTone(field, metrics));
  }
  for (const [field, format] of Object.entries(FIELD_FORMATS)) {
    for (const el of root.querySelectorAll(`[data-field="${field}"]`)) showFigure(el, metrics[field], format);
  }
  const fill = root.querySelector('[data-metric="success_rate"] .meter-fill');
  if (fill) fill.style.width = `${Math.min(100, Math.max(0, metrics.success_rate || 0))}%`;
}

/**
 * The cost card's "in the last minute", from the per-second series of every agent (the cards always show
 * every agent, whatever the filter).
 */
export function renderLastMinuteCost(timeseries, root = document) {
  const cost = lastMinute(timeseries).cost_usd;
  for (const el of root.querySelectorAll('[data-field="cost_last_minute"]')) showFigure(el, cost, formatMoney);
}

const RATE_FORMATS = { input_tokens: formatCount, output_tokens: formatCount, cost_usd: formatMoney };

/** The chips of the tokens and cost chart ([data-rate]): the last minute of the series it draws. */
export function renderUsageRates(timeseries, root = document) {
  const minute = lastMinute(timeseries);
  for (const [name, format] of Object.entries(RATE_FORMATS)) {
    for (const el of root.querySelectorAll(`[data-rate="${name}"]`)) showFigure(el, minute[name], format);
  }
}

/**
 * Uptime moves on between refreshes; advancing it locally keeps the card from jumping by five seconds.
 * anchor() at each refresh with the server's figure, tick() every second.
 */
export function uptimeTicker(root = document) {
  let base = null;
  return {
    anchor(uptimeSeconds, atMs) {
      base = typeof uptimeSeconds === 'number' ? { uptimeSeconds, atMs } : null;
    },
    tick(nowMs) {
      const value = root.querySelector('[data-metric="uptime_seconds"] .value');
      if (!base || !value) return;
      value.textContent = formatUptime(base.uptimeSeconds + Math.max(0, nowMs - base.atMs) / 1000);
    },
  };
}
