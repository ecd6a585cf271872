package dev.agentmeter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.web.api.ApiServlet;
import dev.agentmeter.web.api.EnvelopeResponder;
import dev.agentmeter.web.api.JsonApi;
import dev.agentmeter.web.api.RequestObserver;
import dev.agentmeter.web.guard.AllowedHosts;
import dev.agentmeter.web.guard.BodyLimitFilter;
import dev.agentmeter.web.guard.ClientRateLimiter;
import dev.agentmeter.web.guard.CorsFilter;
import dev.agentmeter.web.guard.HostFilter;
import dev.agentmeter.web.guard.InFlightLimitFilter;
import dev.agentmeter.web.guard.RateLimitFilter;
import dev.agentmeter.web.guard.SecurityHeadersFilter;
import dev.agentmeter.web.guard.UncaughtFailureFilter;
import dev.agentmeter.web.login.AccessFilter;
import dev.agentmeter.web.login.AccessToken;
import dev.agentmeter.web.login.LoginEndpoints;
import dev.agentmeter.web.login.LoginFailures;
import dev.agentmeter.web.login.LoginSessions;
import dev.agentmeter.web.login.SessionCookie;

/**
 * The filters every request passes before a servlet sees it, in their order: failures caught, security headers,
 * Host checked, rate and in-flight limits, CORS, the token (with the login endpoints it sends browsers to), and
 * the body limit of the JSON API and of the mounts that ask for it. One place, so the order is read at once.
 */
final class FrontFilters {

    private static final Duration LOGIN_LIFETIME = Duration.ofHours(12);
    private static final int MAX_LOGIN_SESSIONS = 1_000;
    private static final int MAX_RATE_LIMITED_CLIENTS = 10_000;

    private final WebSettings settings;
    private final WebSecurity security;
    private final JsonCodec json;

    FrontFilters(WebSettings settings, WebSecurity security, JsonCodec json) {
        this.settings = settings;
        this.security = security;
        this.json = json;
    }

    /** Adds the filters (and the login endpoints, when a token is set) to {@code context}. */
    void install(ServletContextHandler context, List<String> bodyLimitedMounts) {
        addFilter(context, new UncaughtFailureFilter(json), "/*");
        addFilter(context, new SecurityHeadersFilter(), "/*");
        addFilter(context, new HostFilter(AllowedHosts.of(settings.host(), security.corsOrigins()), json), "/*");
        addAccessFilters(context);
        // Our own API and the mounts that ask for it: MCP bounds its own bodies and answers in its own protocol.
        addFilter(context, new BodyLimitFilter(settings.maxBodyBytes(), json), "/api/*");
        bodyLimitedMounts.forEach(path -> addFilter(context, new BodyLimitFilter(settings.maxBodyBytes(), json), path));
    }

    /** Rate limit (before the token check, so guessing tokens is limited too), CORS, token and login. */
    private void addAccessFilters(ServletContextHandler context) {
        if (!security.rateLimit().isOff()) {
            addFilter(context, new RateLimitFilter(new ClientRateLimiter(security.rateLimit(),
                    MAX_RATE_LIMITED_CLIENTS, System::nanoTime), json), "/*");
            addFilter(context, new InFlightLimitFilter(WebSecurity.MAX_IN_FLIGHT_PER_CLIENT, json), "/*");
        }
        addFilter(context, new CorsFilter(security.corsOrigins(), json), "/api/*");
        if (security.token().isEmpty()) {
            return;
        }
        var token = new AccessToken(security.token().get());
        var sessions = new LoginSessions(Clock.systemUTC(), LOGIN_LIFETIME, MAX_LOGIN_SESSIONS);
        addFilter(context, new AccessFilter(token, sessions, json), "/*");
        var failures = new LoginFailures(MAX_RATE_LIMITED_CLIENTS, System::nanoTime);
        var login = new LoginEndpoints(token, sessions, failures, new SessionCookie(security.tls().isPresent()), json);
        var loginServlet = new ServletHolder("login", new ApiServlet(new JsonApi(login.routes(),
                new EnvelopeResponder(json), Set.copyOf(security.corsOrigins()), RequestObserver.NONE,
                System::nanoTime), json));
        loginServlet.setAsyncSupported(true);
        context.getServletHandler().addServletWithMapping(loginServlet, LoginEndpoints.LOGIN_PATH);
        context.getServletHandler().addServletWithMapping(loginServlet, LoginEndpoints.LOGOUT_PATH);
    }

    private static void addFilter(ServletContextHandler context, Filter filter, String pathSpec) {
        var holder = new FilterHolder(filter);
        holder.setAsyncSupported(true);
        context.addFilter(holder, pathSpec, EnumSet.of(DispatcherType.REQUEST));
    }
}
