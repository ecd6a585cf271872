// Test driver for McpTwoRevisionsTest: the official TypeScript client v2 pinned to MCP 2026-07-28 and the v1 client
// (2025-11-25, initialize handshake) against ONE running AgentMeter, the same operations in turn, every answer
// printed side by side as one JSON document on stdout for the Java test to compare.
//
//   node compare.mjs http http://127.0.0.1:PORT/mcp
//   node compare.mjs stdio '["java", "-cp", "...", "dev.agentmeter.AgentMeter", "--stdio", "--no-http"]'
//
// Over stdio both clients share the one child process: each gets a transport of its own over the same pipes, their
// request ids kept apart by a prefix, and the server's notifications routed by what they are (a listen stream's
// carry its subscription id; the 2025-11-25 session's do not).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { Client as ModernClient, StreamableHTTPClientTransport as ModernHttp } from '@modelcontextprotocol/client';
import { Client as LegacyClient } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as LegacyHttp } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ResourceUpdatedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';

const PIN = '2026-07-28';
const [mode, target] = process.argv.slice(2);
const watchdog = setTimeout(() => fail('the driver ran for more than 120 s'), 120_000);

function fail(message) {
  process.stderr.write(`compare.mjs: ${message}\n`);
  process.exit(2);
}

/** One child process's stdin/stdout, shared by two client transports. */
class SharedStdio {
  constructor(command) {
    this.child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
    this.transports = {};
    createInterface({ input: this.child.stdout }).on('line', (line) => this.route(line));
  }

  transport(prefix, ownsNotification) {
    const shared = this;
    const transport = {
      async start() {},
      async send(message) {
        // The v2 client's listen ids ("listen:N") are also the subscription ids its notifications carry: unchanged.
        const prefixed = 'id' in message && 'method' in message && !String(message.id).startsWith('listen:');
        const out = prefixed ? { ...message, id: `${prefix}${message.id}` } : message;
        shared.child.stdin.write(JSON.stringify(out) + '\n');
      },
      async close() { transport.onclose?.(); },
    };
    this.transports[prefix] = { transport, ownsNotification };
    return transport;
  }

  route(line) {
    const message = JSON.parse(line);
    if ('id' in message && !('method' in message)) {
      const id = String(message.id);
      for (const [prefix, { transport }] of Object.entries(this.transports)) {
        if (id.startsWith(prefix)) {
          const original = id.slice(prefix.length);
          transport.onmessage?.({ ...message, id: /^\d+$/.test(original) ? Number(original) : original });
          return;
        }
      }
      if (id.startsWith('listen:')) { // the v2 client's listen ids are its own, never prefixed by us
        this.transports.m.transport.onmessage?.(message);
      }
      return;
    }
    for (const { transport, ownsNotification } of Object.values(this.transports)) {
      if (ownsNotification(message)) {
        transport.onmessage?.(message);
        return;
      }
    }
  }

  close() {
    this.child.stdin.end();
  }
}

const SUBSCRIPTION_ID = 'io.modelcontextprotocol/subscriptionId';
let shared;
function transports() {
  if (mode === 'http') {
    return { legacy: new LegacyHttp(new URL(target)), modern: new ModernHttp(new URL(target)) };
  }
  if (mode === 'stdio') {
    shared = new SharedStdio(JSON.parse(target));
    const viaListen = (message) => message.params?._meta?.[SUBSCRIPTION_ID] !== undefined;
    return {
      legacy: shared.transport('l', (message) => !viaListen(message)),
      modern: shared.transport('m', viaListen),
    };
  }
  fail(`unknown mode ${mode}`);
}

/**
 * What varies between two calls made one after the other: clocks, the time a simulated task really took, and the
 * per-second series (its window ends at the clock's second, so across a second's boundary every task moves a slot).
 */
const VARYING = new Set(['timestamp', 'uptime_seconds', 'started_at', 'reset_at', 'duration', 'response_time_ms',
  'timeseries']);
/** What 2026-07-28 adds to every result, and 2025-11-25 does not have. */
const REVISION_FIELDS = new Set(['resultType', 'ttlMs', 'cacheScope', '_meta']);

function normalized(value, top = true) {
  if (Array.isArray(value)) {
    return value.map((item) => normalized(item, false));
  }
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      if (VARYING.has(key) || (top && REVISION_FIELDS.has(key))) continue;
      out[key] = normalized(key === 'text' ? parsedText(value[key]) : value[key], false);
    }
    return out;
  }
  return typeof value === 'string' ? value.replace(TREND_IN_TEXT, '"trend":"*"').replace(CLOCK_IN_TEXT, '"$1":"*"')
    : value;
}

/** The same clocks inside a text that quotes the figures (a prompt's message). */
const CLOCK_IN_TEXT = /"(uptime_seconds|timestamp|started_at|reset_at)":("[^"]*"|[0-9.]+)/g;
/** A diagnosis's trend: slices on a grid that moves with the clock, so a second later a task may be in the next. */
const TREND_IN_TEXT = /"trend":\[[^\]]*\]/g;

function parsedText(text) {
  try {
    return typeof text === 'string' && text.startsWith('{') ? JSON.parse(text) : text;
  } catch {
    return text;
  }
}

async function outcome(call) {
  try {
    return { answer: normalized(await call()) };
  } catch (error) {
    return { rejected: true, code: error.code ?? null };
  }
}

async function main() {
  const { legacy: legacyTransport, modern: modernTransport } = transports();
  const legacy = new LegacyClient({ name: 'agentmeter-test-v1', version: '1.0.0' });
  const modern = new ModernClient({ name: 'agentmeter-test-v2', version: '2.0.0' },
    { versionNegotiation: { mode: { pin: PIN } } });
  await legacy.connect(legacyTransport);
  await modern.connect(modernTransport);

  const report = {
    modernVersion: modern.getNegotiatedProtocolVersion(),
    discover: modern.getDiscoverResult() ?? null,
    modernInstructions: modern.getInstructions() ?? null,
    legacyInstructions: legacy.getInstructions() ?? null,
    pairs: [],
  };

  /** The same operation by each client in turn; {@code before} runs before each (to give both the same state). */
  async function pair(key, operation, before = async () => {}) {
    await before();
    const v1 = await outcome(() => operation(legacy));
    await before();
    const v2 = await outcome(() => operation(modern));
    report.pairs.push({ key, v1, v2 });
  }
  const call = (name, args = {}) => (client) => client.callTool({ name, arguments: args });
  const record = (name, extra = {}) => legacy.callTool({ name: 'record_agent_task',
    arguments: { name, duration_ms: 42, success: true, agent: 'driver', ...extra } });

  // Lists.
  await pair('tools/list', (client) => client.listTools());
  // The SDK keeps its resources in a hash map, so its order is its own; ours is the order of the definitions.
  await pair('resources/list', async (client) => {
    const listed = await client.listResources();
    return { ...listed, resources: [...listed.resources].sort((a, b) => a.uri.localeCompare(b.uri)) };
  });
  await pair('resources/templates/list', (client) => client.listResourceTemplates());
  await pair('prompts/list', (client) => client.listPrompts());

  // Tools that change the figures: each client's call sees the same state.
  await call('reset_performance_metrics')(legacy);
  await pair('reset_performance_metrics', call('reset_performance_metrics'), () => record('before-reset'));
  await pair('record_agent_task', call('record_agent_task', { name: 'compile', duration_ms: 120, success: true,
    agent: 'driver' }));
  await pair('record_agent_task failed', call('record_agent_task', { name: 'compile', duration_ms: 300,
    success: false, error: 'exit 1', agent: 'driver' }));
  await pair('simulate_agent_task', call('simulate_agent_task', { name: 'search', duration: 0.01 }));
  await pair('simulate_agent_task failing', call('simulate_agent_task', { name: 'search', duration: 0,
    should_fail: true }));
  await record('complete-me');

  // Tools that read them.
  for (const [name, args] of [['get_performance_metrics', {}], ['get_request_history', { limit: 5 }],
    ['get_request_history', {}], ['get_error_log', { limit: 3 }], ['get_dashboard_data', {}], ['get_alerts', {}],
    ['show_dashboard', {}], ['get_live_view', {}]]) {
    await pair(`${name} ${JSON.stringify(args)}`, call(name, args));
  }
  // Arguments the operations refuse: the same error envelope.
  await pair('simulate_agent_task duration 9', call('simulate_agent_task', { name: 'x', duration: 9 }));
  await pair('get_request_history limit 0', call('get_request_history', { limit: 0 }));
  await pair('record_agent_task without name', call('record_agent_task', { duration_ms: 1, success: true }));
  await pair('unknown tool', call('no_such_tool'));

  // Resources.
  for (const uri of ['agentmeter://metrics', 'agentmeter://dashboard', 'agentmeter://history', 'agentmeter://errors',
    'agentmeter://tasks/compile', 'agentmeter://tasks/complete-me', 'ui://agentmeter/dashboard']) {
    await pair(`resources/read ${uri}`, (client) => client.readResource({ uri }));
  }
  await pair('resources/read unknown task', (client) => client.readResource({ uri: 'agentmeter://tasks/nope' }));
  await pair('resources/read unknown resource', (client) => client.readResource({ uri: 'agentmeter://nothing' }));

  // Prompts.
  await pair('prompts/get diagnose_performance', (client) => client.getPrompt({ name: 'diagnose_performance',
    arguments: { task: 'compile', window: '5m' } }));
  await pair('prompts/get diagnose_performance (whole)', (client) => client.getPrompt({
    name: 'diagnose_performance', arguments: {} }));
  await pair('prompts/get summarize_errors', (client) => client.getPrompt({ name: 'summarize_errors',
    arguments: { limit: '3' } }));
  await pair('prompts/get unknown', (client) => client.getPrompt({ name: 'no_such_prompt' }));

  // Completions.
  await pair('complete prompt task', (client) => client.complete({
    ref: { type: 'ref/prompt', name: 'diagnose_performance' }, argument: { name: 'task', value: 'co' } }));
  await pair('complete prompt window', (client) => client.complete({
    ref: { type: 'ref/prompt', name: 'diagnose_performance' }, argument: { name: 'window', value: '' } }));
  await pair('complete template name', (client) => client.complete({
    ref: { type: 'ref/resource', uri: 'agentmeter://tasks/{name}' }, argument: { name: 'name', value: 'C' } }));

  // Resource updates: 2025-11-25 subscribes, 2026-07-28 listens; one recorded task reaches both.
  const heard = { v1: [], v2: [] };
  legacy.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => { heard.v1.push(n.params.uri); });
  modern.setNotificationHandler('notifications/resources/updated', (n) => { heard.v2.push(n.params.uri); });
  await legacy.subscribeResource({ uri: 'agentmeter://metrics' });
  const subscription = await modern.listen({ resourceSubscriptions: ['agentmeter://metrics'] });
  report.honoredFilter = subscription.honoredFilter;
  await record('heard-by-both');
  const until = Date.now() + 10_000;
  while ((heard.v1.length === 0 || heard.v2.length === 0) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  report.updates = { v1: [...new Set(heard.v1)], v2: [...new Set(heard.v2)] };
  await subscription.close();

  await legacy.close();
  await modern.close();
  shared?.close();
  clearTimeout(watchdog);
  process.stdout.write(JSON.stringify(report) + '\n');
}

main().catch((error) => fail(error?.stack ?? String(error)));
