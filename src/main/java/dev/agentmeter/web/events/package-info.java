/**
 * The live event stream ({@code GET /api/events}, Server-Sent Events): {@code EventStream} turns changes of the
 * operations into frames and fans them out; each browser is an {@code EventClient} with a bounded queue, written
 * through an {@code EventSink}, so one slow browser cannot hold up the others.
 */
package dev.agentmeter.web.events;
