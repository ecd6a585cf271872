/**
 * The web server, assembled: {@code WebServer} builds Jetty from {@code WebSettings} (bind address, TLS, limits)
 * and mounts the rooms below it: the guards as filters in front of everything, login, the JSON API, the event
 * stream and the static dashboard. Only this package knows every room of the web server.
 */
package dev.agentmeter.web;
