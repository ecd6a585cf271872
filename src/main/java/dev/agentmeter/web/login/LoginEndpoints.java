package dev.agentmeter.web.login;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;
import dev.agentmeter.web.api.ApiEndpoint;
import dev.agentmeter.web.api.ApiExchange;
import dev.agentmeter.web.api.EnvelopeResponder;
import dev.agentmeter.web.api.RequestArguments;
import dev.agentmeter.web.api.RouteTable;
import dev.agentmeter.web.api.SameOriginGuard;
import dev.agentmeter.web.guard.ThrottledLog;

/**
 * {@code POST /api/login} with {@code {"token": "..."}} opens a login session and hands its cookie to the
 * browser; {@code POST /api/logout} ends the session and clears the cookie. Both are POSTs behind
 * {@link SameOriginGuard}, so another site can neither log a browser in nor out. A wrong token is logged (a
 * few lines however many come) and slows its address down ({@link LoginFailures}): 429 until it may try again.
 *
 * <p>Thread-safe.
 */
public final class LoginEndpoints {

    public static final String LOGIN_PATH = "/api/login";
    public static final String LOGOUT_PATH = "/api/logout";

    private static final Logger log = LoggerFactory.getLogger(LoginEndpoints.class);
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    private final AccessToken token;
    private final LoginSessions sessions;
    private final SessionCookie cookie;
    private final RequestArguments arguments;
    private final EnvelopeResponder responder;
    private final LoginFailures failures;
    private final ThrottledLog failureLog = new ThrottledLog(log, FAILURE_LOG_INTERVAL, System::nanoTime);

    public LoginEndpoints(AccessToken token, LoginSessions sessions, LoginFailures failures, SessionCookie cookie,
                   JsonCodec json) {
        this.token = token;
        this.sessions = sessions;
        this.failures = failures;
        this.cookie = cookie;
        this.arguments = new RequestArguments(json);
        this.responder = new EnvelopeResponder(json);
    }

    public RouteTable<ApiEndpoint> routes() {
        return RouteTable.<ApiEndpoint>builder()
                .post(LOGIN_PATH, this::login)
                .post(LOGOUT_PATH, this::logout)
                .build();
    }

    private void login(ApiExchange exchange) {
        String address = exchange.remoteAddress();
        if (failures.check(address) instanceof LoginFailures.Wait wait) {
            responder.send(exchange, new Envelope.Failure(ErrorCode.RATE_LIMITED, "too many failed logins from this "
                    + "address; retry in " + wait.retryAfterSeconds() + " s"),
                    Map.of("Retry-After", Long.toString(wait.retryAfterSeconds())));
            return;
        }
        var extracted = arguments.fromBody(exchange);
        if (extracted instanceof RequestArguments.Refused refused) {
            responder.send(exchange, refused.failure());
            return;
        }
        Map<String, Object> values = ((RequestArguments.Values) extracted).values();
        Object given = values.get("token");
        if (!(given instanceof String candidate) || values.size() != 1) {
            responder.send(exchange, Envelope.invalidArgument("the body is {\"token\": \"...\"} and nothing else"));
            return;
        }
        if (!token.matches(candidate)) {
            LoginFailures.Counted failure = failures.failed(address);
            failureLog.warn("Failed login from {} ({} in a row; its next attempt is looked at after {} s)", address,
                    failure.inARow(), failure.waitSeconds());
            responder.send(exchange, new Envelope.Failure(ErrorCode.UNAUTHORIZED, "wrong token"));
            return;
        }
        failures.succeeded(address);
        String id = sessions.open();
        responder.send(exchange, Envelope.success(Map.of("logged_in", true)),
                Map.of("Set-Cookie", cookie.issue(id, sessions.lifetime()), "Cache-Control", "no-store"));
    }

    private void logout(ApiExchange exchange) {
        Optional<String> id = exchange.header("Cookie").flatMap(SessionCookie::fromHeader);
        id.ifPresent(sessions::close);
        responder.send(exchange, Envelope.success(Map.of("logged_in", false)), Map.of("Set-Cookie", cookie.clear()));
    }
}
