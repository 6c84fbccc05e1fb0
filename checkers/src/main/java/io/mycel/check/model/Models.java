package io.mycel.check.model;

import io.mycel.check.History;
import io.mycel.check.format.HistoryFormat;
import io.mycel.check.format.LoadedHistory;
import io.mycel.check.lin.Model;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The models the lab ships, by the names the command line and scenario files use. */
public final class Models {

    /**
     * Settings a model may take.
     *
     * @param initial a register's starting value (null for nil)
     * @param failedCas what a cas that completed with {@code fail} means
     */
    public record Options(Object initial, RegisterModel.FailedCas failedCas) {
        public static final Options DEFAULTS = new Options(null, RegisterModel.FailedCas.NOT_APPLIED);
    }

    private static final List<String> NAMES = List.of("register", "cas-register", "kv", "set", "queue", "mutex", "registry");

    private Models() {
    }

    /** The built-in names, then those of models added through {@link ModelProvider}, sorted. */
    public static List<String> names() {
        List<String> names = new java.util.ArrayList<>(NAMES);
        providers().keySet().stream().filter(n -> !NAMES.contains(n)).forEach(names::add);
        return names;
    }

    /** Models added through the service loader, by name. */
    private static java.util.Map<String, ModelProvider> providers() {
        java.util.Map<String, ModelProvider> found = new java.util.TreeMap<>();
        for (ModelProvider provider : java.util.ServiceLoader.load(ModelProvider.class)) {
            found.putIfAbsent(provider.name(), provider);
        }
        return found;
    }

    /** The model of that name; an IllegalArgumentException lists the names there are. */
    public static Model<?, ?> named(String name, Options options) {
        return switch (name) {
            case "register" -> RegisterModel.register(options.initial());
            case "cas-register" -> RegisterModel.casRegister(options.initial(), options.failedCas());
            case "kv" -> new KvModel();
            case "set" -> new SetModel();
            case "queue" -> new QueueModel();
            case "mutex" -> new MutexModel();
            case "registry" -> new RegistryModel();
            default -> {
                ModelProvider provider = providers().get(name);
                if (provider == null) {
                    throw new IllegalArgumentException("no model named '" + name + "'; expected one of "
                            + String.join(", ", names()));
                }
                yield provider.create(options);
            }
        };
    }

    /**
     * The model for a history read from a file: the one named, or else the one {@link #infer}
     * guesses. When the failed-cas reading is not given, Jepsen's log-line form reads a failed cas
     * as a compare that failed (as the old Jepsen tests that printed that form recorded it), and
     * every other form as Jepsen's usual "did not take effect".
     *
     * @throws IllegalArgumentException when no model is named and none fits, or the name is unknown
     */
    public static Model<?, ?> forFile(LoadedHistory loaded, String name, Object initial, RegisterModel.FailedCas failedCas) {
        String chosen = name != null ? name : infer(loaded.history());
        if (chosen == null) {
            chosen = loaded.history().operations().isEmpty() ? "register" : null;
        }
        if (chosen == null) {
            throw new IllegalArgumentException("cannot tell which model fits this history; give --model, one of "
                    + String.join(", ", names()));
        }
        RegisterModel.FailedCas reading = failedCas != null ? failedCas
                : loaded.format() == HistoryFormat.JEPSEN_LOG ? RegisterModel.FailedCas.MISMATCH
                : RegisterModel.FailedCas.NOT_APPLIED;
        return named(chosen, new Options(initial, reading));
    }

    /**
     * Guesses the model from the operations a history holds, for folders of mixed histories: keyed
     * operations mean kv; read/write/cas a cas-register; and so on. Null when nothing fits.
     */
    public static String infer(History history) {
        Set<String> functions = new TreeSet<>();
        boolean keyed = false;
        for (History.Operation op : history.operations()) {
            functions.add(op.f());
            keyed |= op.key() != null;
        }
        if (functions.isEmpty()) {
            return null;
        }
        if (keyed || functions.contains("get") || functions.contains("put") || functions.contains("append")) {
            return "kv";
        }
        if (RegistryModel.OPERATIONS.containsAll(functions)) {
            return "registry";
        }
        if (Set.of("acquire", "release").containsAll(functions)) {
            return "mutex";
        }
        if (Set.of("enqueue", "dequeue").containsAll(functions)) {
            return "queue";
        }
        if (Set.of("add", "read").containsAll(functions)) {
            return "set";
        }
        if (Set.of("read", "write").containsAll(functions)) {
            return "register";
        }
        if (Set.of("read", "write", "cas").containsAll(functions)) {
            return "cas-register";
        }
        return null;
    }
}
