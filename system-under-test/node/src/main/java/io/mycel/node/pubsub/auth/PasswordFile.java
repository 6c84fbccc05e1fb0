package io.mycel.node.pubsub.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * User names and password hashes in the format of Mosquitto's {@code mosquitto_passwd}, so its
 * files work unchanged: one {@code user:hash} per line, the hash either {@code $7$ITERATIONS$SALT$HASH}
 * (PBKDF2 with HMAC-SHA512, Mosquitto 2's default) or {@code $6$SALT$HASH} (SHA-512 over the
 * password then the salt, Mosquitto 1's), salt and hash in Base64. Plain-text passwords are not
 * accepted.
 *
 * <p>Checks take the same time whether or not the user exists (an unknown user is checked against
 * a stand-in hash) and compare digests in constant time, so neither tells an attacker which names
 * are real. The iteration count is the file's: each check runs on the node's event loop, and
 * Mosquitto's default of 101 costs well under a millisecond.
 */
public final class PasswordFile {

    /** One user's stored hash. */
    private record Hash(int iterations, byte[] salt, byte[] digest) {
        boolean sha512Only() {
            return iterations == 0;
        }
    }

    private static final Hash STAND_IN = new Hash(101, new byte[12], new byte[64]);

    private final TreeMap<String, Hash> users;

    private PasswordFile(TreeMap<String, Hash> users) {
        this.users = users;
    }

    /** @throws IllegalArgumentException naming the file, the line and what was expected */
    public static PasswordFile read(Path file) {
        return parse(file.toString(), ConfigFiles.lines(file, "the password file"));
    }

    public static PasswordFile parse(String source, List<String> lines) {
        TreeMap<String, Hash> users = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(where + "expected USER:HASH as mosquitto_passwd writes it, got '" + line + "'");
            }
            String user = line.substring(0, colon);
            Hash hash = hash(where, line.substring(colon + 1));
            if (users.put(user, hash) != null) {
                throw new IllegalArgumentException(where + "user '" + user + "' is listed twice");
            }
        }
        return new PasswordFile(users);
    }

    public boolean verify(String user, byte[] password) {
        Hash stored = user == null ? null : users.get(user);
        boolean known = stored != null;
        Hash against = known ? stored : STAND_IN;
        boolean given = password != null && password.length > 0;
        // The JDK's PBKDF2 refuses an empty password; a stand-in keeps the time the same.
        byte[] computed = digest(against, given ? password : new byte[] {0});
        return MessageDigest.isEqual(computed, against.digest()) && known && given;
    }

    public int size() {
        return users.size();
    }

    private static Hash hash(String where, String text) {
        String[] parts = text.split("\\$", -1);
        try {
            if (parts.length == 5 && parts[0].isEmpty() && parts[1].equals("7")) {
                int iterations = Integer.parseInt(parts[2]);
                if (iterations < 1) {
                    throw new IllegalArgumentException("iterations");
                }
                return new Hash(iterations, Base64.getDecoder().decode(parts[3]), Base64.getDecoder().decode(parts[4]));
            }
            if (parts.length == 4 && parts[0].isEmpty() && parts[1].equals("6")) {
                return new Hash(0, Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3]));
            }
        } catch (IllegalArgumentException malformed) {
            // reported below, with the line
        }
        throw new IllegalArgumentException(where + "expected a hash $7$ITERATIONS$SALT$HASH or $6$SALT$HASH (Base64 salt and hash,"
                + " as mosquitto_passwd writes them), got '" + (text.length() > 12 ? text.substring(0, 12) + "...'" : text + "'"));
    }

    private static byte[] digest(Hash hash, byte[] password) {
        try {
            if (hash.sha512Only()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-512");
                sha.update(password);
                sha.update(hash.salt());
                return sha.digest();
            }
            // PBKDF2 in the JDK takes the password as chars; Mosquitto's is UTF-8 bytes, which
            // the JDK's PBKDF2 turns the chars back into.
            char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
            PBEKeySpec spec = new PBEKeySpec(chars, hash.salt(), hash.iterations(), Math.max(8, hash.digest().length) * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-512 or PBKDF2WithHmacSHA512", e);
        }
    }
}
