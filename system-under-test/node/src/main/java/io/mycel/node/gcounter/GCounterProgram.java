package io.mycel.node.gcounter;

import io.mycel.node.energy.AirtimeBudget;
import io.mycel.node.energy.DutyCycledSender;
import io.mycel.node.energy.EnergyGovernor;
import io.mycel.node.api.ClientAdapter;
import io.mycel.node.api.ConfigOption;
import io.mycel.node.api.MessageCodec;
import io.mycel.node.api.Process;
import io.mycel.node.api.Program;
import io.mycel.node.api.ProgramConfig;
import java.util.List;

/** The {@code gcounter} program: a grow-only counter with push-pull anti-entropy. */
public final class GCounterProgram implements Program {

    private static final GCounterCodec CODEC = new GCounterCodec();
    private static final GCounterClient CLIENT = new GCounterClient();

    @Override
    public String name() {
        return "gcounter";
    }

    @Override
    public String description() {
        return "grow-only counter replicated by push-pull anti-entropy gossip";
    }

    @Override
    public List<ConfigOption> options() {
        return List.of(
                ConfigOption.duration("gossip-interval", "100ms", "1ms", "time between two gossip rounds of a node"),
                ConfigOption.integer("fanout", "2", 1, "peers a node pushes its state to each round"),
                ConfigOption.choice("ack", "after-sync", List.of("after-sync", "before-sync"),
                        "before-sync plants a bug: adds are acknowledged before they are durable"),
                ConfigOption.duration("sync-interval", "500ms", "1ms", "with ack: before-sync, time between two syncs"),
                ConfigOption.choice("energy-aware", "on", List.of("on", "off"),
                        "on slows gossip 20-fold while the battery is low; off plants a bug: gossip ignores the battery"),
                ConfigOption.choice("duty-cycle", "respect", List.of("respect", "ignore"),
                        "respect keeps every node's radio within its duty cycle (LoRa, EU868: 1 % of any hour), a quarter "
                                + "of it kept for answers; ignore plants a bug: gossip as if there were no such rule"),
                ConfigOption.duration("checkpoint-every", "0s", "0s",
                        "time between two checkpoints of the whole state to storage, deferrable work that waits out a low "
                                + "battery; 0s for none"));
    }

    @Override
    public MessageCodec codec() {
        return CODEC;
    }

    @Override
    public Process newProcess(ProgramConfig config) {
        // The options' lower bounds were checked when the scenario was loaded.
        return new GCounterProcess(
                config.durationMicros("gossip-interval"),
                (int) Math.min(Integer.MAX_VALUE, config.integer("fanout")),
                config.string("ack").equals("before-sync"),
                config.durationMicros("sync-interval"),
                new EnergyGovernor(config.string("energy-aware").equals("on"), 20),
                new DutyCycledSender(config.string("duty-cycle").equals("respect") ? new AirtimeBudget(0.25) : null, CODEC),
                config.durationMicros("checkpoint-every"));
    }

    @Override
    public ClientAdapter client() {
        return CLIENT;
    }
}
