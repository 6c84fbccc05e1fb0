package io.mycel.scenario.cli;

import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.Program;
import io.mycel.node.api.Programs;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "programs", description = "List the node programs a scenario can name, with their options.")
final class ProgramsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        for (Program program : Programs.all().values()) {
            System.out.println(program.name() + ": " + program.description());
            System.out.println("  operations: " + String.join(", ", program.client().operations()));
            if (!program.client().adminActions().isEmpty()) {
                System.out.println("  admin faults: " + String.join(", ", program.client().adminActions()));
            }
            if (!program.invariants().isEmpty()) {
                System.out.println("  invariants: " + String.join(", ", program.invariants().stream().map(i -> i.name()).toList()));
            }
            for (ConfigOption option : program.options()) {
                String bounds = option.min() != null ? " (at least " + option.min() + ")"
                        : option.choices().isEmpty() ? "" : " (one of " + String.join(", ", option.choices()) + ")";
                System.out.printf("  %-16s %-9s default %-11s %s%s%n", option.name(),
                        option.kind().name().toLowerCase(java.util.Locale.ROOT), option.defaultValue(), option.description(), bounds);
            }
        }
        return 0;
    }
}
