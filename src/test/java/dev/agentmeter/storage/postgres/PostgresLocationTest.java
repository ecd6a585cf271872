package dev.agentmeter.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The {@code --data postgresql://...} URL: its standard forms, where the password comes from, and never showing it. */
class PostgresLocationTest {

    @Test
    void theShortFormNamesUserHostPortAndDatabase() {
        var location = PostgresLocation.parse("postgresql://meter@db.internal:6543/fleet", null);

        assertThat(location).extracting(PostgresLocation::user, PostgresLocation::host, PostgresLocation::port,
                PostgresLocation::database, PostgresLocation::password).containsExactly("meter", "db.internal", 6543,
                "fleet", null);
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/fleet");
    }

    @Test
    void thePostgresSchemeAndTheDefaultPortAreAccepted() {
        var location = PostgresLocation.parse("postgres://meter@db/fleet", null);

        assertThat(location.port()).isEqualTo(5432);
        assertThat(PostgresLocation.isUrl("postgres://meter@db/fleet")).isTrue();
        assertThat(PostgresLocation.isUrl("./agentmeter-data")).isFalse();
    }

    @Test
    void aPasswordInTheUserPartIsDecoded() {
        var location = PostgresLocation.parse("postgresql://meter:p%40ss%3Aword@db/fleet", "from-the-variable");

        assertThat(location.password()).isEqualTo("p@ss:word");
        assertThat(location.properties()).containsEntry("password", "p@ss:word").containsEntry("user", "meter");
    }

    @Test
    void aPasswordParameterIsAccepted() {
        var location = PostgresLocation.parse("postgresql://db/fleet?user=meter&password=s3cret&sslmode=require", null);

        assertThat(location.password()).isEqualTo("s3cret");
        assertThat(location.properties()).containsEntry("sslmode", "require");
    }

    @Test
    void withoutOneInTheUrlThePasswordComesFromTheVariable() {
        var location = PostgresLocation.parse("postgresql://meter@db/fleet", "from-the-variable");

        assertThat(location.password()).isEqualTo("from-the-variable");
    }

    @Test
    void thePasswordIsNeverShown() {
        var location = PostgresLocation.parse("postgresql://meter:s3cret@db:5433/fleet?sslmode=require", null);

        assertThat(location.toString()).isEqualTo("postgresql://meter@db:5433/fleet").doesNotContain("s3cret");
        assertThat(location.display()).doesNotContain("s3cret");
        assertThat(location.jdbcUrl()).doesNotContain("s3cret");
    }

    @Test
    void anUnknownParameterIsRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://meter@db/fleet?sslmod=require", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--data: cannot read the PostgreSQL URL: unknown parameter 'sslmod' (known: user, "
                        + "password, application_name, sslcert, sslkey, sslmode, sslpassword, sslrootcert)");
    }

    @Test
    void missingPartsAreRefusedSayingWhatToWrite() {
        for (var broken : Map.of(
                "postgresql://db/fleet", "it names no user",
                "postgresql://meter@db", "it names no database",
                "postgresql://meter@/fleet", "it names no host",
                "postgresql://meter:s3cret@db/fleet?password", "parameter 'password' has no value").entrySet()) {
            assertThatThrownBy(() -> PostgresLocation.parse(broken.getKey(), null)).as(broken.getKey())
                    .hasMessageContaining(broken.getValue()).hasMessageNotContaining("s3cret");
        }
    }
}
