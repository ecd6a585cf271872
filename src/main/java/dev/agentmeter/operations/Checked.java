package dev.agentmeter.operations;

import java.util.function.Function;

/** A validated argument: its value, or why it was refused. Bad input is a value here, not an exception. */
public sealed interface Checked<T> permits Checked.Valid, Checked.Invalid {

    record Valid<T>(T value) implements Checked<T> {
    }

    record Invalid<T>(String message) implements Checked<T> {
    }

    static <T> Checked<T> valid(T value) {
        return new Valid<>(value);
    }

    static <T> Checked<T> invalid(String message) {
        return new Invalid<>(message);
    }

    /** The valid value turned by {@code mapper}; the same refusal when invalid. */
    default <R> Checked<R> map(Function<? super T, ? extends R> mapper) {
        if (this instanceof Valid<T> valid) {
            return valid(mapper.apply(valid.value()));
        }
        return invalid(((Invalid<T>) this).message());
    }
}
