/**
 * The JSON API ({@code /api/...}, {@code /metrics}): the route table, one endpoint per route that reads its
 * arguments and calls an operation, and the {@code {status, data|error}} envelope on the wire. Logic sits behind
 * the small {@code ApiExchange} interface, with {@code ApiServlet}/{@code ServletApiExchange} as the thin servlet
 * adapter, so the API is tested without a server. Knows neither login nor static files.
 */
package dev.agentmeter.web.api;
