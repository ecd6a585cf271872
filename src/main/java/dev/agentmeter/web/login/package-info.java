/**
 * Who may come in: the access token, the login and logout endpoints, bounded login sessions and failed-login
 * counts, the session cookie, and the filter that lets a request through only with a token or a session.
 */
package dev.agentmeter.web.login;
