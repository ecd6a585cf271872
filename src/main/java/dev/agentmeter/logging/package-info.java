/**
 * Where log lines go: SLF4J's provider for this process, one line per event on stderr (in {@code --stdio} mode
 * stdout carries the protocol alone). Depends on nothing of ours.
 */
package dev.agentmeter.logging;
