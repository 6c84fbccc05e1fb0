package io.mycel.hil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * One long-lived {@code sh} on a host, fed commands one at a time. Starting a command over SSH costs
 * the host a login shell each time (with a heavy profile, most of a second); a fault must take
 * effect at once, so the harness keeps one shell per host open for the whole run and reads each
 * command's output up to a marker line carrying its exit status.
 */
final class RemoteShell implements AutoCloseable {

    private static final String MARKER = "__mycel_done__";

    private final String host;
    private final Session session;
    private final Session.Command shell;
    private final OutputStream in;
    private final BufferedReader out;

    RemoteShell(SSHClient ssh, String host) throws IOException {
        this.host = host;
        this.session = ssh.startSession();
        this.shell = session.exec("sh");
        this.in = shell.getOutputStream();
        this.out = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Runs {@code command} (standard error merged into its output); its output, or an exception when it fails. */
    synchronized String run(String command) throws IOException {
        return run(command, null);
    }

    /** As {@link #run(String)}, with {@code input} as the command's standard input. */
    synchronized String run(String command, String input) throws IOException {
        StringBuilder script = new StringBuilder("{ ").append(command).append("; } 2>&1");
        if (input != null) {
            if (input.contains("MYCEL_INPUT_END")) {
                throw new IllegalArgumentException("input holds the end marker");
            }
            script.append(" <<'MYCEL_INPUT_END'\n").append(input).append(input.endsWith("\n") ? "" : "\n").append("MYCEL_INPUT_END");
        }
        script.append("\necho \"").append(MARKER).append(" $?\"\n");
        in.write(script.toString().getBytes(StandardCharsets.UTF_8));
        in.flush();
        StringBuilder output = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith(MARKER + " ")) {
                int status = Integer.parseInt(line.substring(MARKER.length() + 1).trim());
                if (status != 0) {
                    throw new IOException("'" + command + "' on " + host + " exited with " + status + ": " + output.toString().trim());
                }
                return output.toString();
            }
            output.append(line).append('\n');
        }
        throw new IOException("the shell on " + host + " ended while running '" + command + "'");
    }

    @Override
    public synchronized void close() throws IOException {
        in.write("exit\n".getBytes(StandardCharsets.UTF_8));
        in.flush();
        session.close();
    }
}
