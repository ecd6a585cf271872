// Talking to the server: the JSON API (every answer is a {status, data | error} envelope) and the event stream.

const REQUEST_TIMEOUT_MS = 8000;

/** A failed call: the envelope's error, or what went wrong on the way. */
export class ApiError extends Error {
  constructor(message, code, httpStatus) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.httpStatus = httpStatus;
  }
}

/** Sends one request and returns the envelope's `data`; throws ApiError otherwise. */
export async function requestJson(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  // A server that accepts the connection but never answers must still turn the status to offline.
  init.signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);

  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    const reason = err.name === 'TimeoutError' ? 'the request timed out' : 'the server is unreachable';
    throw new ApiError(`Could not reach AgentMeter: ${reason}.`, 'network', 0);
  }
  if (response.status === 401) {
    // The server wants its token and this browser's session is gone (expired, logged out, restarted).
    window.location.assign('/login.html');
  }
  const envelope = await response.json().catch(() => null);
  if (envelope?.status === 'success') return envelope.data;
  if (envelope?.status === 'error' && envelope.error) {
    throw new ApiError(String(envelope.error.message ?? 'Request failed.'), envelope.error.code, response.status);
  }
  throw new ApiError(`${method} ${path} failed (HTTP ${response.status}).`, 'http', response.status);
}

/** The query that filters a live view by agent ('' for every agent). */
function agentQuery(agent) {
  return agent ? `?agent=${encodeURIComponent(agent)}` : '';
}

/**
 * Everything the page shows, in one document shaped like an event-stream message: {dashboard, tasks,
 * timeseries, models, alerts}; with an agent, the tasks and the series are that agent's.
 */
export function fetchSnapshot(agent) {
  return requestJson('GET', `/api/live${agentQuery(agent)}`);
}

/** The agents that reported tasks, busiest first: [{agent, count, ...}]. */
export function fetchAgents() {
  return requestJson('GET', '/api/agents');
}

export function simulateTask(shouldFail) {
  return requestJson('POST', '/api/tasks/simulate', {
    name: shouldFail ? 'dashboard-failing-task' : 'dashboard-task',
    duration: 0.2,
    should_fail: shouldFail,
  });
}

export function resetMetrics() {
  return requestJson('POST', '/api/reset');
}

const STREAM_RETRY_MS = 15000;

/**
 * Follows /api/events, of one agent's view when `agent` is set. Calls onSnapshot with each `dashboard` event's
 * object and onOpenChange(bool) when the stream opens or drops. Returns a function that closes it for good.
 */
export function followEvents(agent, onSnapshot, onOpenChange) {
  let source = null;
  let retryTimer = null;
  let closed = false;

  const connect = () => {
    source = new EventSource(`/api/events${agentQuery(agent)}`);
    source.addEventListener('open', () => onOpenChange(true));
    source.addEventListener('dashboard', (event) => {
      let snapshot;
      try {
        snapshot = JSON.parse(event.data);
      } catch {
        return; // A malformed event is skipped; the next one or the poll brings fresh data.
      }
      onSnapshot(snapshot);
    });
    source.addEventListener('error', () => {
      onOpenChange(false);
      // EventSource retries by itself after a dropped connection, but gives up for good after an
      // HTTP error or a wrong content type. Then we start over later; polling covers the gap.
      if (source.readyState === EventSource.CLOSED && !closed) {
        retryTimer = setTimeout(connect, STREAM_RETRY_MS);
      }
    });
  };

  if (typeof EventSource === 'function') connect();
  return () => {
    closed = true;
    clearTimeout(retryTimer);
    source?.close();
  };
}
