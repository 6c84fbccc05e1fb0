package io.mycel.faults.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar mycel-fault-proxy.jar --api HOST:PORT}: the fault proxy as a daemon of its own,
 * as a bench host runs it beside its node (and as {@code toxiproxy-server} would run). It prints the
 * address its API took, then serves until killed.
 */
@Command(name = "fault-proxy", mixinStandardHelpOptions = true, version = FaultProxy.VERSION,
        description = "TCP proxies with latency, jitter, bandwidth, resets and Mycel's frame-level link model,"
                + " driven through Toxiproxy's HTTP API.")
public final class FaultProxyMain implements Callable<Integer> {

    @Option(names = "--api", defaultValue = "127.0.0.1:8474", description = "HOST:PORT of the HTTP API (default ${DEFAULT-VALUE}).")
    String api;

    @Option(names = "--source", description = "Address to make upstream connections from (a node's own, so firewall rules still tell nodes apart).")
    String source;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the toxics' draws (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--exit-with-stdin", description = "Exit when standard input closes (when the process that started it dies).")
    boolean exitWithStdin;

    @Override
    public Integer call() throws Exception {
        InetSocketAddress apiAddress;
        try {
            apiAddress = Proxy.parse(api, "--api");
        } catch (ApiException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
        FaultProxy proxy = FaultProxy.start(apiAddress, source == null ? null : InetAddress.getByName(source), seed);
        Runtime.getRuntime().addShutdownHook(new Thread(proxy::close));
        InetSocketAddress actual = proxy.apiAddress();
        System.out.println("fault proxy API on " + actual.getAddress().getHostAddress() + ":" + actual.getPort());
        System.out.flush();
        if (exitWithStdin) {
            while (System.in.read() >= 0) {
                // nothing to read; the end of input is the signal
            }
            return 0;
        }
        new CountDownLatch(1).await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaultProxyMain()).execute(args));
    }
}
