/**
 * What stands in front of every request: filters and limits (body size and prefetch, rate, requests in flight,
 * allowed hosts, connections, slow headers, CORS, security headers, uncaught failures, Jetty's own errors), and
 * the plain error answer they and the other rooms write ({@code JsonResponses}, {@code EnvelopeStatus},
 * {@code Printable}). Depends on no other room of the web server.
 */
package dev.agentmeter.web.guard;
