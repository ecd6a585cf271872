/**
 * The static dashboard: files served from a classpath folder with their content types, and a JSON 404 for what
 * is not there. Depends only on the guards' error answer.
 */
package dev.agentmeter.web.files;
