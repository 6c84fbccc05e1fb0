package io.mycel.node.pubsub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The password file against lines written by Mosquitto 2.0.11's {@code mosquitto_passwd} (Debian
 * 12's package), with passwords chosen for this test: {@code alice:wonderland} and
 * {@code bob:s3cret!} in its default PBKDF2-SHA512 format, {@code carol:carolpw} with {@code -H sha512}.
 */
class PasswordFileTest {

    private static final List<String> WRITTEN_BY_MOSQUITTO_PASSWD = List.of(
            "alice:$7$101$3UPA1yCG+0e9hEOP$6oQpm8buQ9LC2oiDrdSD4O3iYR2vaIJf1D7CQi/f+GgI2S3yLWOHA23KUWjC6TcJsz2434hlOO9lDAhR51wc9Q==",
            "bob:$7$101$xEqv8+J0b+Kkj3WR$m3h1BanR3alLaRVkzU7bHCdjmuLdT/CAWsBfVOFa5deBW7lmBQX0dTOCGY6Z67jqK3XRaQfJxm/1ta2DC1DYDQ==",
            "carol:$6$zF9XROyjWhccCSDf$YPSmptsQTMtTR1eirF8mGzWaFzWQFbjiDdpKjkDPSQ9V8p+QePcqcadjO/2K/opxkLyQz39ETAq5SSrk+Yb4fg==");

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mosquittoPasswdFilesWorkAsTheyAre() {
        PasswordFile file = PasswordFile.parse("passwd", WRITTEN_BY_MOSQUITTO_PASSWD);
        assertEquals(3, file.size());
        assertTrue(file.verify("alice", b("wonderland")));
        assertTrue(file.verify("bob", b("s3cret!")));
        assertTrue(file.verify("carol", b("carolpw")));
    }

    @Test
    void wrongPasswordsUnknownUsersAndMissingPasswordsAreRefused() {
        PasswordFile file = PasswordFile.parse("passwd", WRITTEN_BY_MOSQUITTO_PASSWD);
        assertFalse(file.verify("alice", b("Wonderland")));
        assertFalse(file.verify("alice", b("s3cret!")), "bob's password is not alice's");
        assertFalse(file.verify("carol", b("carolpw ")));
        assertFalse(file.verify("dave", b("wonderland")));
        assertFalse(file.verify("alice", null));
        assertFalse(file.verify("alice", new byte[0]));
        assertFalse(file.verify(null, b("wonderland")));
    }

    @Test
    void mistakesNameTheFileAndLineAndNeverShowAWholeHash() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PasswordFile.parse("mqtt.passwd", List.of("# users", "alice:wonderland")));
        assertEquals("mqtt.passwd:2: expected a hash $7$ITERATIONS$SALT$HASH or $6$SALT$HASH (Base64 salt and hash, as mosquitto_passwd "
                + "writes them), got 'wonderland'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PasswordFile.parse("p", List.of("alice")));
        assertTrue(e.getMessage().startsWith("p:1: expected USER:HASH"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PasswordFile.parse("p", List.of(WRITTEN_BY_MOSQUITTO_PASSWD.get(0), WRITTEN_BY_MOSQUITTO_PASSWD.get(0))));
        assertEquals("p:2: user 'alice' is listed twice", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PasswordFile.parse("p", List.of("a:$7$x$AAAA$AAAA")));
        assertTrue(e.getMessage().endsWith("got '$7$x$AAAA$AA...'"), e.getMessage());
    }
}
