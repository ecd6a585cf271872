// The alert banner: shown while alert rules fire (from the event stream or /api/alerts), hidden otherwise.

import { formatDuration, formatPercent } from './format.js';

function figure(value, unit) {
  return unit === 'percent' ? formatPercent(value) : formatDuration(value);
}

function describe(alert) {
  const scope = alert.task === null || alert.task === undefined ? '' : ` (task ${alert.task})`;
  return `${alert.rule}${scope}: now ${figure(alert.value, alert.unit)}, threshold ${figure(alert.threshold, alert.unit)}`;
}

/** Shows the firing `alerts` (a list from the API), or hides the banner when there are none. */
export function renderAlerts(alerts, root = document) {
  const banner = root.getElementById('alert-banner');
  if (!banner || !Array.isArray(alerts)) return;
  banner.replaceChildren();
  if (alerts.length === 0) {
    banner.hidden = true;
    return;
  }
  const title = document.createElement('strong');
  title.textContent = alerts.length === 1 ? 'Alert firing' : `${alerts.length} alerts firing`;
  const list = document.createElement('ul');
  for (const alert of alerts) {
    const item = document.createElement('li');
    item.textContent = describe(alert);
    item.setAttribute('title', `firing since ${alert.since}`);
    item.setAttribute('data-rule', String(alert.rule));
    list.append(item);
  }
  banner.append(title, list);
  banner.hidden = false;
}
