// The connection indicator: live, stale or offline.

export const STALE_AFTER_MS = 15000;

/**
 * live: the event stream is open, or the last refresh is recent.
 * offline: the last fetch failed. stale: the last good data is older than STALE_AFTER_MS.
 */
export function connectionState({ streamOpen, lastFetchFailed, lastSuccessMs, nowMs }) {
  if (streamOpen) return 'live';
  if (lastFetchFailed) return 'offline';
  if (lastSuccessMs !== null && nowMs - lastSuccessMs < STALE_AFTER_MS) return 'live';
  return lastSuccessMs === null ? 'offline' : 'stale';
}

const DESCRIPTIONS = {
  live: 'Live: receiving current data',
  stale: 'Stale: no fresh data for more than 15 seconds',
  offline: 'Offline: the server did not answer',
};

export function showState(el, state) {
  if (!el || el.getAttribute('data-state') === state) return;
  el.textContent = state;
  el.setAttribute('data-state', state);
  el.setAttribute('title', DESCRIPTIONS[state]);
}
