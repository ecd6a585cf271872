// An MCP client on the official TypeScript SDK v2, for AgentMeter's proxy test.
// Usage: node peer-client.mjs MODE AGENT CALLS -- COMMAND ARGS...
//   MODE: "2026-07-28" pins that revision (no fallback); "legacy" runs the 2025-11-25 initialize handshake.
// Starts COMMAND as a stdio server (its stderr goes to this process's stderr), lists its tools, calls echo CALLS
// times and fail once, and prints every answer as one JSON line on stdout. It then waits for a line on stdin
// (so the caller can read the proxy's figures while the session is still open) and closes the session.
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { createInterface } from 'node:readline';

const [mode, agent, callsText, separator, command, ...args] = process.argv.slice(2);
if (separator !== '--' || !command) {
  console.error('usage: node peer-client.mjs MODE AGENT CALLS -- COMMAND ARGS...');
  process.exit(2);
}
const negotiation = mode === 'legacy' ? { mode: 'legacy' } : { mode: { pin: mode } };
const client = new Client({ name: agent, version: '1.0.0' }, { versionNegotiation: negotiation });
const transport = new StdioClientTransport({ command, args, stderr: 'inherit' });
await client.connect(transport);

const answers = { tools: (await client.listTools()).tools, calls: [] };
for (let i = 0; i < Number(callsText); i++) {
  answers.calls.push(await client.callTool({ name: 'echo', arguments: { text: `call ${i}` } }));
}
answers.calls.push(await client.callTool({ name: 'fail', arguments: { reason: 'on purpose' } }));
process.stdout.write(JSON.stringify(answers) + '\n');

const input = createInterface({ input: process.stdin });
await new Promise(resolve => input.once('line', resolve).once('close', resolve));
input.close();
await client.close();
