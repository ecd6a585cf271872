// The panel's only line to the outside: JSON-RPC 2.0 over postMessage with the host that shows it (MCP Apps,
// SEP-1865). Requests go to the parent window; answers and notifications are taken from the parent window only.

const PROTOCOL_VERSION = '2026-01-26';
const REQUEST_TIMEOUT_MS = 10000;
// A host that stops answering must not make the pending table grow: past this many, new requests fail at once.
const MAX_PENDING = 16;

/** A failed request: the host's JSON-RPC error, or no answer in time. */
export class BridgeError extends Error {
  constructor(message, code) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }
}

/**
 * Connects to the host: `request(method, params)` resolves with the result, `notify(method, params)` sends a
 * notification, `on(method, handler)` receives the host's notifications. The host's own requests (ping,
 * teardown) are answered here; `onTeardown` runs before the host removes the panel.
 */
export function connectBridge({ host = window.parent, onTeardown = () => {} } = {}) {
  let nextId = 1;
  const pending = new Map();
  const handlers = new Map();

  const send = (message) => host.postMessage({ jsonrpc: '2.0', ...message }, '*');

  const answerHostRequest = (message) => {
    if (message.method === 'ping') {
      send({ id: message.id, result: {} });
    } else if (message.method === 'ui/resource-teardown') {
      onTeardown();
      send({ id: message.id, result: {} });
    } else {
      send({ id: message.id, error: { code: -32601, message: `method not found: ${String(message.method)}` } });
    }
  };

  window.addEventListener('message', (event) => {
    if (event.source !== host) return;
    const message = event.data;
    if (!message || typeof message !== 'object' || message.jsonrpc !== '2.0') return;
    if (typeof message.method === 'string') {
      if (message.id !== undefined && message.id !== null) {
        answerHostRequest(message);
      } else {
        handlers.get(message.method)?.(message.params ?? {});
      }
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    clearTimeout(waiting.timer);
    if (message.error) {
      waiting.reject(new BridgeError(String(message.error.message ?? 'the host refused the request'), message.error.code));
    } else {
      waiting.resolve(message.result ?? {});
    }
  });

  const request = (method, params) => {
    if (pending.size >= MAX_PENDING) {
      return Promise.reject(new BridgeError('the host is not answering', 'busy'));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new BridgeError(`the host did not answer ${method} in time`, 'timeout'));
      }, REQUEST_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      send({ id, method, params });
    });
  };

  return {
    request,
    notify: (method, params) => send({ method, params }),
    on: (method, handler) => handlers.set(method, handler),
    /** The handshake: ui/initialize, then ui/notifications/initialized. Resolves with the host context. */
    async initialize(appInfo) {
      const result = await request('ui/initialize', {
        appInfo,
        appCapabilities: { availableDisplayModes: ['inline'] },
        protocolVersion: PROTOCOL_VERSION,
      });
      send({ method: 'ui/notifications/initialized', params: {} });
      return result.hostContext ?? {};
    },
  };
}

/**
 * Calls one of AgentMeter's tools through the host and returns the envelope's data; throws with the envelope's
 * message when the tool answers an error.
 */
export async function callTool(bridge, name, args) {
  const result = await bridge.request('tools/call', { name, arguments: args ?? {} });
  const envelope = result.structuredContent;
  if (envelope?.status === 'success') return envelope.data;
  if (envelope?.status === 'error') throw new BridgeError(String(envelope.error?.message ?? 'the tool failed'), envelope.error?.code);
  const text = (result.content ?? []).find((block) => block.type === 'text')?.text;
  throw new BridgeError(text ? String(text) : `${name} answered nothing the panel can read`, 'unreadable');
}
