package io.mycel.scenario.load;

import java.util.List;

/** A scenario file that cannot run, with every mistake found in it. */
public final class ScenarioException extends Exception {

    private final List<String> problems;

    public ScenarioException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
