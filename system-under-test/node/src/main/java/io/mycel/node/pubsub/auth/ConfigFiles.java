package io.mycel.node.pubsub.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads an auth plugin's file once, when the broker's options are checked. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** @param what the file's kind, for the error ("the ACL file") */
    static List<String> lines(Path file, String what) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read " + what + " (" + e.getMessage() + ")", e);
        }
    }
}
