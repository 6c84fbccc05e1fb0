package io.mycel.node.supervisor;


import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.Message;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.SeededRandom;
import io.mycel.node.registry.Owner;
import io.mycel.node.testing.CodecProperties;
import org.junit.jupiter.api.Test;

/** The supervisor's messages survive the tasks codec; damaged frames are rejected as malformed, nothing else. */
class TasksCodecTest {

    private static final int KINDS = 8;
    private final TasksCodec codec = new TasksCodec();

    private static Owner owner(SeededRandom r) {
        return r.nextInt(3) == 0 ? null : new Owner(NodeId.of("n" + r.nextInt(50)), 1 + r.nextInt(9));
    }

    private static byte[] state(SeededRandom r) {
        byte[] b = new byte[r.nextInt(40)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) r.nextLong();
        }
        return b;
    }

    static Message draw(int kind, SeededRandom r) {
        long rpc = r.nextLong(0, Long.MAX_VALUE);
        String task = "t" + r.nextInt(1000);
        long version = r.nextLong(0, 1L << 40);
        return switch (kind) {
            case 0 -> new SupervisorMessages.Save(rpc, task, version, state(r), owner(r), r.nextLong(0, 1000));
            case 1 -> new SupervisorMessages.Saved(rpc, task, version, r.nextInt(2) == 0);
            case 2 -> new SupervisorMessages.Fetch(rpc, task, owner(r), r.nextLong(0, 1000));
            case 3 -> new SupervisorMessages.Fetched(rpc, task, version, state(r), owner(r), r.nextLong(0, 1000), r.nextInt(2) == 0);
            case 4 -> new SupervisorMessages.Release(rpc, task);
            case 5 -> new SupervisorMessages.Released(rpc, task, version, state(r), r.nextInt(2) == 0);
            case 6 -> new SupervisorMessages.Whereis(rpc, task);
            case 7 -> new SupervisorMessages.WhereisOk(rpc, task, r.nextInt(2) == 0 ? "" : "n" + r.nextInt(9));
            default -> throw new IllegalArgumentException("kind " + kind);
        };
    }

    @Test
    void everyMessageRoundTrips() throws MalformedMessageException {
        CodecProperties.roundTrips(codec, KINDS, TasksCodecTest::draw);
    }

    @Test
    void damagedFramesAreRejectedAsMalformed() {
        CodecProperties.rejectsDamage(codec, KINDS, TasksCodecTest::draw);
    }
}
