package io.mycel.scenario.cli;

/**
 * A subcommand of {@code mycel} that lives in a module built after this one (the hardware-in-the-loop
 * harness, say), found with {@link java.util.ServiceLoader} when the command line is assembled.
 */
public interface CommandExtension {

    /** The subcommand's name, as typed after {@code mycel}. */
    String name();

    /** A fresh picocli command object (annotated with {@code @Command}). */
    Object command();
}
