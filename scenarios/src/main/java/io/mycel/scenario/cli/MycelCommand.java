package io.mycel.scenario.cli;

import io.mycel.node.runtime.NodeMain;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mycel} command line. */
@Command(name = "mycel", mixinStandardHelpOptions = true, version = "mycel 0.1.0",
        description = "Mycel: run scenarios against the mesh in a deterministic simulator, or on real nodes.",
        subcommands = {RunCommand.class, McCommand.class, ReplayCommand.class, ExportCommand.class, SweepCommand.class, ShrinkCommand.class, BugsCommand.class, CheckCommand.class, BenchCommand.class, ProgramsCommand.class, CommandLine.HelpCommand.class})
public final class MycelCommand {

    /** Exit code for a bad scenario file or a usage mistake. */
    public static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MycelCommand());
        cli.addSubcommand("node", new NodeMain());
        cli.addSubcommand("ca", new io.mycel.node.runtime.identity.CaCommand());
        for (CommandExtension extension : ServiceLoader.load(CommandExtension.class)) {
            cli.addSubcommand(extension.name(), extension.command());
        }
        cli.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
        return cli;
    }
}
