package dev.agentmeter.web;

import java.util.Map;
import java.util.Optional;

import dev.agentmeter.operations.Envelope;
import dev.agentmeter.operations.ErrorCode;
import dev.agentmeter.operations.JsonCodec;

/**
 * {@code POST /api/login} with {@code {"token": "..."}} opens a login session and hands its cookie to the
 * browser; {@code POST /api/logout} ends the session and clears the cookie. Both are POSTs behind
 * {@link SameOriginGuard}, so another site can neither log a browser in nor out.
 *
 * <p>Thread-safe.
 */
final class LoginEndpoints {

    static final String LOGIN_PATH = "/api/login";
    static final String LOGOUT_PATH = "/api/logout";

    private final AccessToken token;
    private final LoginSessions sessions;
    private final SessionCookie cookie;
    private final RequestArguments arguments;
    private final EnvelopeResponder responder;

    LoginEndpoints(AccessToken token, LoginSessions sessions, SessionCookie cookie, JsonCodec json) {
        this.token = token;
        this.sessions = sessions;
        this.cookie = cookie;
        this.arguments = new RequestArguments(json);
        this.responder = new EnvelopeResponder(json);
    }

    RouteTable<ApiEndpoint> routes() {
        return RouteTable.<ApiEndpoint>builder()
                .post(LOGIN_PATH, this::login)
                .post(LOGOUT_PATH, this::logout)
                .build();
    }

    private void login(ApiExchange exchange) {
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
            responder.send(exchange, new Envelope.Failure(ErrorCode.UNAUTHORIZED, "wrong token"));
            return;
        }
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
