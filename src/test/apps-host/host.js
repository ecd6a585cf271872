// A test host for AgentMeter's dashboard panel, as a web MCP client that shows MCP Apps would be: the official
// MCP TypeScript client talks to AgentMeter over Streamable HTTP (/mcp on this page's origin, passed through by
// the test server), and the official ext-apps AppBridge runs the panel in a sandboxed iframe. Test code only;
// bundled for the browser by esbuild when McpAppBrowserTest starts. What it saw is in window.hostProbe.

import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  AppBridge,
  PostMessageTransport,
  RESOURCE_MIME_TYPE,
  getToolUiResourceUri,
  isToolVisibilityAppOnly,
} from '@modelcontextprotocol/ext-apps/app-bridge';

const HOST_INFO = { name: 'agentmeter-test-host', version: '1.0.0' };
const params = new URLSearchParams(location.search);

const probe = {
  ready: false,
  error: null,
  violations: [],
  frameResources: null,
  appToolCalls: [],
  refusedToolCalls: [],
  sizes: [],
  modelTools: [],
  appOnlyTools: [],
  resourceMimeType: null,
  resourceMeta: null,
  summary: null,
  serverExtensions: null,
};
window.hostProbe = probe;

// What the host's sandbox adds to the panel's page: the CSP built from the resource's _meta.ui.csp as SEP-1865
// says (declared domains only; none declared means none), and a probe that reports every CSP violation and
// every resource the frame loaded over a port of its own, apart from the bridge's messages.
function cspFor(csp) {
  const resources = (csp?.resourceDomains ?? []).join(' ');
  const connect = (csp?.connectDomains ?? []).join(' ');
  return [
    "default-src 'none'",
    `script-src 'unsafe-inline' ${resources}`,
    `style-src 'unsafe-inline' ${resources}`,
    `img-src data: ${resources}`,
    `font-src ${resources || "'none'"}`,
    `media-src data: ${resources}`,
    `connect-src ${connect || "'none'"}`,
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
  ].join('; ');
}

const PROBE = `<script>(() => {
  const held = [];
  let port = null;
  const send = (m) => (port ? port.postMessage(m) : held.push(m));
  document.addEventListener('securitypolicyviolation', (e) =>
    send({ kind: 'violation', uri: e.blockedURI, directive: e.effectiveDirective }));
  addEventListener('message', (e) => {
    if (!e.data || e.data.agentmeterProbe !== 'connect' || !e.ports[0]) return;
    port = e.ports[0];
    held.splice(0).forEach((m) => port.postMessage(m));
    port.onmessage = () => port.postMessage({
      kind: 'resources', names: performance.getEntriesByType('resource').map((r) => r.name) });
  });
})();<\/script>`;

function withSandboxHead(html, csp) {
  const head = `<meta http-equiv="Content-Security-Policy" content="${cspFor(csp)}">${PROBE}`;
  return html.replace(/<head>/i, `<head>${head}`);
}

function connectProbe(frame) {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => {
    if (event.data.kind === 'violation') probe.violations.push(event.data);
    if (event.data.kind === 'resources') probe.frameResources = event.data.names;
  };
  frame.contentWindow.postMessage({ agentmeterProbe: 'connect' }, '*', [channel.port2]);
  window.askFrameResources = () => channel.port1.postMessage('resources?');
}

async function main() {
  const client = new Client(HOST_INFO, {
    capabilities: { extensions: { 'io.modelcontextprotocol/ui': { mimeTypes: [RESOURCE_MIME_TYPE] } } },
  });
  await client.connect(new StreamableHTTPClientTransport(new URL('/mcp', location.href)));
  probe.serverExtensions = client.getServerCapabilities()?.extensions ?? null;

  const tools = (await client.listTools()).tools;
  probe.modelTools = tools.filter((tool) => !isToolVisibilityAppOnly(tool)).map((tool) => tool.name);
  probe.appOnlyTools = tools.filter((tool) => isToolVisibilityAppOnly(tool)).map((tool) => tool.name);
  const appCallable = new Set(tools.filter((tool) => {
    const visibility = tool._meta?.ui?.visibility;
    return !Array.isArray(visibility) || visibility.includes('app');
  }).map((tool) => tool.name));
  const showDashboard = tools.find((tool) => tool.name === 'show_dashboard');
  const uri = getToolUiResourceUri(showDashboard);

  const content = (await client.readResource({ uri })).contents[0];
  probe.resourceMimeType = content.mimeType;
  probe.resourceMeta = content._meta ?? null;
  if (content.mimeType !== RESOURCE_MIME_TYPE) throw new Error(`unexpected mime type ${content.mimeType}`);

  const frame = document.createElement('iframe');
  frame.id = 'app';
  frame.title = 'AgentMeter dashboard panel';
  frame.setAttribute('sandbox', 'allow-scripts');
  document.getElementById('frame-slot').append(frame);

  let hostContext = {
    theme: params.get('theme') === 'dark' ? 'dark' : 'light',
    displayMode: 'inline',
    platform: 'web',
    containerDimensions: { maxHeight: 4000 },
  };
  const bridge = new AppBridge(client, HOST_INFO, { serverTools: {}, logging: {} }, { hostContext });
  bridge.addEventListener('sizechange', ({ width, height }) => {
    probe.sizes.push({ width, height });
    if (height) frame.style.height = `${height}px`;
  });
  const args = JSON.parse(params.get('args') ?? '{}');
  bridge.addEventListener('initialized', async () => {
    connectProbe(frame);
    await bridge.sendToolInput({ arguments: args });
    const result = await client.callTool({ name: 'show_dashboard', arguments: args });
    probe.summary = result.content?.find((block) => block.type === 'text')?.text ?? null;
    await bridge.sendToolResult(result);
    probe.ready = true;
  });
  await bridge.connect(new PostMessageTransport(frame.contentWindow, frame.contentWindow));
  // A host must refuse the app any tool whose visibility leaves the app out; every call is kept for the test.
  bridge.oncalltool = async (call) => {
    if (!appCallable.has(call.name)) {
      probe.refusedToolCalls.push(call.name);
      throw new Error(`tool ${call.name} is not available to apps`);
    }
    probe.appToolCalls.push({ name: call.name, arguments: call.arguments ?? {}, atMs: performance.now() });
    return client.callTool(call);
  };
  window.setHostTheme = (theme) => {
    hostContext = { ...hostContext, theme };
    bridge.setHostContext(hostContext);
  };
  frame.srcdoc = withSandboxHead(content.text, content._meta?.ui?.csp);
}

main().catch((err) => {
  probe.error = String(err?.stack ?? err);
  console.error('test host failed:', err);
});
