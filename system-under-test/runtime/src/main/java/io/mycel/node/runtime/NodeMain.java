package io.mycel.node.runtime;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mycel-node --config node.yaml}: runs one real node until it is stopped. Logs go to
 * standard output, one JSON record per line. Exit codes: 2 for a bad config, 70 when node code
 * threw (a bug: the node stops as a crash would, and its supervisor or the harness restarts it).
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Runs one Mycel node for real: TCP, a monotonic clock, an fsynced store.")
public final class NodeMain implements Callable<Integer> {

    public static final int EXIT_BAD_CONFIG = 2;
    public static final int EXIT_NODE_FAILED = 70;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the node's node.yaml")
    Path config;

    public static void main(String[] args) {
        System.exit(new CommandLine(new NodeMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        NodeConfig parsed;
        RealNode node;
        try {
            parsed = NodeConfigReader.read(config);
            node = RealNode.start(parsed, System.out, (endpoint, error) -> {
                // Halt, not exit: shutdown hooks would wait on the event loop this runs on.
                System.err.println("mycel-node: node code threw; stopping as a crash would");
                error.printStackTrace();
                Runtime.getRuntime().halt(EXIT_NODE_FAILED);
            });
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "mycel-node-shutdown"));
        stopped.await();
        return 0;
    }
}
