package io.mycel.node.dht;

import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import java.util.List;

/** The {@code dht} program: a Kademlia node that finds peers by key and services by name. */
public final class DhtProgram implements Program {

    private static final DhtCodec CODEC = new DhtCodec();
    private static final DhtClient CLIENT = new DhtClient();

    @Override
    public String name() {
        return "dht";
    }

    @Override
    public String description() {
        return "Kademlia: k-buckets, iterative lookups, provider records with republish and expiry";
    }

    @Override
    public List<ConfigOption> options() {
        return DhtConfig.options();
    }

    @Override
    public String problemWith(ProgramConfig config) {
        return DhtConfig.problemWith(config);
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        return new DhtProcess(DhtConfig.of(config));
    }

    @Override
    public ClientAdapter client() {
        return CLIENT;
    }
}
