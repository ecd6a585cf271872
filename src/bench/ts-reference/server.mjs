// Benchmark baseline only (never shipped, never run by the tests): AgentMeter's six tools served by the
// official MCP TypeScript SDK v1 server, the way a careful Node.js author would write them, so AgentMeter's
// start-up, tools/call throughput and memory are measured against it side by side in the same run.
//
// The tools keep the same figures AgentMeter keeps (counts, min/max/mean, p50/p95/p99 from a log-bucket
// histogram with 1% precision, the newest 100 tasks and 50 errors) and answer the same envelope as
// structuredContent with an outputSchema and as JSON text, as PRODUCT.md asks of AgentMeter.
//
//   node server.mjs                 stdio
//   node server.mjs --http PORT     Streamable HTTP at http://127.0.0.1:PORT/mcp (stateful sessions)
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const HISTORY_SIZE = 100;
const ERROR_LOG_SIZE = 50;
const MAX_DURATION_SECONDS = 5;
const BUCKET_GROWTH = Math.log(1.01);
const startedAt = new Date();

class Ring {
  constructor(capacity) { this.capacity = capacity; this.items = []; this.next = 0; }
  add(item) {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }
  newest(limit) {
    const out = [];
    const n = this.items.length;
    for (let i = 1; i <= Math.min(limit, n); i++) out.push(this.items[(this.next - i + n) % n]);
    return out;
  }
}

class Store {
  constructor() { this.reset(); }
  reset() {
    this.total = 0; this.failed = 0; this.sumMs = 0; this.minMs = null; this.maxMs = null;
    this.buckets = new Map(); this.history = new Ring(HISTORY_SIZE); this.errors = new Ring(ERROR_LOG_SIZE);
    this.recent = []; this.lastAt = null;
  }
  record(name, durationMs, success, error) {
    const now = new Date();
    this.total++; if (!success) this.failed++;
    this.sumMs += durationMs;
    this.minMs = this.minMs === null ? durationMs : Math.min(this.minMs, durationMs);
    this.maxMs = this.maxMs === null ? durationMs : Math.max(this.maxMs, durationMs);
    const bucket = Math.floor(Math.log(Math.max(durationMs, 0.001) * 1000) / BUCKET_GROWTH);
    this.buckets.set(bucket, (this.buckets.get(bucket) ?? 0) + 1);
    const entry = { name, duration_ms: durationMs, success, error: success ? null : error, timestamp: now.toISOString() };
    this.history.add(entry);
    if (!success) this.errors.add({ name, error, timestamp: entry.timestamp });
    this.recent.push(now.getTime()); this.lastAt = now;
    return entry;
  }
  percentile(p) {
    if (this.total === 0) return null;
    const rank = Math.ceil((p / 100) * this.total);
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    let seen = 0;
    for (const key of keys) {
      seen += this.buckets.get(key);
      if (seen >= rank) return Math.exp((key + 1) * BUCKET_GROWTH) / 1000;
    }
    return this.maxMs;
  }
  metrics() {
    const cutoff = Date.now() - 60_000;
    while (this.recent.length && this.recent[0] < cutoff) this.recent.shift();
    const ok = this.total - this.failed;
    return {
      total_requests: this.total, successful_requests: ok, failed_requests: this.failed,
      success_rate: this.total ? (100 * ok) / this.total : 0, error_rate: this.total ? (100 * this.failed) / this.total : 0,
      avg_response_time_ms: this.total ? this.sumMs / this.total : null,
      min_response_time_ms: this.minMs, max_response_time_ms: this.maxMs,
      p50_response_time_ms: this.percentile(50), p95_response_time_ms: this.percentile(95),
      p99_response_time_ms: this.percentile(99), requests_per_minute: this.recent.length,
      uptime_seconds: (Date.now() - startedAt.getTime()) / 1000, started_at: startedAt.toISOString(),
      last_request_at: this.lastAt ? this.lastAt.toISOString() : null,
    };
  }
}

const store = new Store();
const envelope = z.object({ status: z.enum(["success", "error"]), data: z.any().optional(), error: z.any().optional() });
const answer = (body) => ({
  structuredContent: body, content: [{ type: "text", text: JSON.stringify(body) }], isError: body.status === "error",
});
const success = (data) => answer({ status: "success", data });
const invalid = (message) => answer({ status: "error", error: { code: "invalid_argument", message } });
const limit = z.number().int().optional();
const clamp = (value, capacity) => (value === undefined ? 10 : Math.min(value, capacity));

function newServer() {
  const server = new McpServer({ name: "ts-reference", version: "1.0.0" });
  const tool = (name, description, inputSchema, handler) =>
    server.registerTool(name, { description, inputSchema, outputSchema: envelope.shape }, handler);
  tool("get_performance_metrics", "Current performance metrics.", {}, async () => success(store.metrics()));
  tool("get_request_history", "Newest tasks, newest first.", { limit }, async ({ limit: n }) =>
    n !== undefined && n < 1 ? invalid("limit must be at least 1") : success(store.history.newest(clamp(n, HISTORY_SIZE))));
  tool("get_error_log", "Newest errors, newest first.", { limit }, async ({ limit: n }) =>
    n !== undefined && n < 1 ? invalid("limit must be at least 1") : success(store.errors.newest(clamp(n, ERROR_LOG_SIZE))));
  tool("simulate_agent_task", "Records a simulated task.",
    { name: z.string(), duration: z.number().optional(), should_fail: z.boolean().optional() },
    async ({ name, duration = 1.0, should_fail = false }) => {
      const clean = name.replace(/\p{Cc}/gu, "");
      if (clean.length < 1 || clean.length > 100) return invalid("name must be 1 to 100 characters");
      if (duration < 0 || duration > MAX_DURATION_SECONDS) return invalid("duration must be between 0 and 5 seconds");
      await new Promise((resolve) => setTimeout(resolve, duration * 1000));
      const entry = store.record(clean, duration * 1000, !should_fail, should_fail ? "Simulated failure" : null);
      return success({ name: clean, duration: duration, success: entry.success, error: entry.error });
    });
  tool("reset_performance_metrics", "Forgets every task.", {}, async () => { store.reset(); return success({ reset: true }); });
  tool("get_dashboard_data", "Metrics with the newest tasks and errors.", {}, async () =>
    success({ metrics: store.metrics(), recent_requests: store.history.newest(10), recent_errors: store.errors.newest(5) }));
  return server;
}

async function serveHttp(port) {
  const sessions = new Map();
  const http = createServer(async (req, res) => {
    if (!req.url.startsWith("/mcp")) { res.writeHead(404).end(); return; }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    let transport = sessions.get(req.headers["mcp-session-id"]);
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID, onsessioninitialized: (id) => sessions.set(id, transport),
      });
      transport.onclose = () => sessions.delete(transport.sessionId);
      await newServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  });
  http.listen(port, "127.0.0.1", () => console.error(`ts-reference listening on http://127.0.0.1:${port}/mcp`));
}

const httpAt = process.argv.indexOf("--http");
if (httpAt >= 0) await serveHttp(Number(process.argv[httpAt + 1]));
else await newServer().connect(new StdioServerTransport());
