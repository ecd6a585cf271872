// A downstream MCP server on the official TypeScript SDK v2, over stdio through serveStdio: a client that opens
// with server/discover is served revision 2026-07-28, one that opens with initialize the 2025-11-25 handshake.
// The same tools for both. Test-only: AgentMeter's proxy stands in front of it.
import { McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import * as z from 'zod';

serveStdio(() => {
  const server = new McpServer({ name: 'v2-peer-server', version: '1.0.0' });

  server.registerTool('echo', {
    description: 'Answers its text back.',
    inputSchema: { text: z.string() },
  }, async ({ text }) => ({ content: [{ type: 'text', text }] }));
  server.registerTool('fail', {
    description: 'Always answers a tool error.',
    inputSchema: { reason: z.string() },
  }, async ({ reason }) => ({ content: [{ type: 'text', text: `failed: ${reason}` }], isError: true }));
  return server;
});
