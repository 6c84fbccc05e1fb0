package io.mycel.node.runtime.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;

/** Keys on disk as JSON Web Keys; private keys readable by their owner only, written atomically. */
final class JwkFiles {

    private JwkFiles() {
    }

    static JWK readKey(Path file) {
        try {
            return JWK.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the key (" + e.getMessage() + ")", e);
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + ": expected a JSON Web Key: " + e.getMessage(), e);
        }
    }

    static JWKSet readSet(Path file) {
        try {
            return JWKSet.load(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the key set (" + e.getMessage() + ")", e);
        } catch (ParseException e) {
            throw new IllegalArgumentException(file + ": expected a JSON Web Key Set ({\"keys\": [...]}): " + e.getMessage(), e);
        }
    }

    /** Writes {@code json} to {@code file} by a rename, private to its owner when {@code secret}. */
    static void write(Path file, String json, boolean secret) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (secret) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
