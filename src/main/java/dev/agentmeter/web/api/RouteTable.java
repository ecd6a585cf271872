package dev.agentmeter.web.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which endpoint answers which method and exact path. Looking up a request gives the endpoint, or says
 * that the path is unknown (404) or that it is known but not for this method (405, with the allowed ones),
 * so those answers come from one place.
 *
 * <p>Immutable once built; thread-safe.
 *
 * @param <T> the endpoint type
 */
public final class RouteTable<T> {

    /** The outcome of a lookup. */
    sealed interface Match<T> permits Found, UnknownPath, WrongMethod {
    }

    record Found<T>(T endpoint) implements Match<T> {
    }

    record UnknownPath<T>() implements Match<T> {
    }

    /** @param allowed the methods the path does answer, in the order they were added */
    record WrongMethod<T>(List<String> allowed) implements Match<T> {
    }

    private final Map<String, Map<String, T>> byPath;

    private RouteTable(Map<String, Map<String, T>> byPath) {
        this.byPath = byPath;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    Match<T> find(String method, String path) {
        Map<String, T> byMethod = byPath.get(path);
        if (byMethod == null) {
            return new UnknownPath<>();
        }
        T endpoint = byMethod.get(method);
        return endpoint != null ? new Found<>(endpoint) : new WrongMethod<>(List.copyOf(byMethod.keySet()));
    }

    /** Collects routes; not thread-safe. */
    public static final class Builder<T> {
        private final Map<String, Map<String, T>> byPath = new LinkedHashMap<>();

        /** GET, and HEAD (the same answer without its body), as HTTP expects of every GET resource. */
        public Builder<T> get(String path, T endpoint) {
            return route("GET", path, endpoint).route("HEAD", path, endpoint);
        }

        public Builder<T> post(String path, T endpoint) {
            return route("POST", path, endpoint);
        }

        public Builder<T> route(String method, String path, T endpoint) {
            T previous = byPath.computeIfAbsent(path, key -> new LinkedHashMap<>()).putIfAbsent(method, endpoint);
            if (previous != null) {
                throw new IllegalArgumentException(method + " " + path + " is routed twice");
            }
            return this;
        }

        public RouteTable<T> build() {
            // Ordered copies, not Map.copyOf: the Allow header lists the methods in the order they were added.
            var copy = new LinkedHashMap<String, Map<String, T>>();
            byPath.forEach((path, byMethod) -> copy.put(path, Collections.unmodifiableMap(new LinkedHashMap<>(byMethod))));
            return new RouteTable<>(Collections.unmodifiableMap(copy));
        }
    }
}
