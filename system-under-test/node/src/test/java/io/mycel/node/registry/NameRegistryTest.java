package io.mycel.node.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.MalformedMessageException;
import io.mycel.node.api.NodeId;
import io.mycel.node.api.WireReader;
import io.mycel.node.api.WireWriter;
import org.junit.jupiter.api.Test;

class NameRegistryTest {

    private static final NodeId N1 = NodeId.of("n1");
    private static final NodeId N2 = NodeId.of("n2");

    private static Registration task(NodeId node, long incarnation, long task) {
        return new Registration(new Owner(node, incarnation), task);
    }

    @Test
    void aNameIsHeldByOneTaskAndFreedOnlyByItsOwner() {
        NameRegistry r = new NameRegistry();
        assertTrue(r.register("a", task(N1, 1, 1)).ok());
        NameRegistry.Outcome taken = r.register("a", task(N2, 1, 1));
        assertFalse(taken.ok());
        assertEquals("n1#1.1", taken.answer());
        assertFalse(r.unregister("a", new Owner(N2, 1)).ok(), "n2's tasks do not hold it");
        assertTrue(r.unregister("a", new Owner(N1, 1)).ok());
        assertNull(r.whereis("a"));
    }

    @Test
    void aPurgeFreesTheNamesOfEarlierLivesAndLateCommandsFromThemAreRefused() {
        NameRegistry r = new NameRegistry();
        r.register("a", task(N1, 1, 1));
        r.register("b", task(N1, 1, 2));
        r.register("c", task(N2, 1, 1));
        r.purge(new Owner(N1, 2));
        assertNull(r.whereis("a"));
        assertNull(r.whereis("b"));
        assertEquals("n2#1.1", r.whereis("c").toString(), "another node's names stay");
        // A register of the dead life that reaches the log late: its task is gone.
        assertFalse(r.register("a", task(N1, 1, 3)).ok());
        assertNull(r.whereis("a"));
        assertTrue(r.register("a", task(N1, 2, 1)).ok());
        // A purge seen again, or an older one, changes nothing.
        r.purge(new Owner(N1, 2));
        r.purge(new Owner(N1, 1));
        assertEquals("n1#2.1", r.whereis("a").toString());
    }

    @Test
    void aCommandFromALaterLifePurgesTheEarlierOnesToo() {
        NameRegistry r = new NameRegistry();
        r.register("a", task(N1, 1, 1));
        assertTrue(r.register("b", task(N1, 3, 1)).ok());
        assertNull(r.whereis("a"));
        assertEquals(3, r.incarnation(N1));
    }

    @Test
    void theTableSurvivesItsEncodingAndAMalformedOneIsRefused() throws MalformedMessageException {
        NameRegistry r = new NameRegistry();
        r.register("a", task(N1, 2, 5));
        r.purge(new Owner(N2, 4));
        WireWriter out = new WireWriter(32);
        r.writeTo(out);
        byte[] bytes = out.toByteArray();
        NameRegistry copy = NameRegistry.readFrom(new WireReader(bytes), 64);
        assertEquals("n1#2.5", copy.whereis("a").toString());
        assertEquals(4, copy.incarnation(N2));
        bytes[bytes.length - 1] = 0;   // n2's incarnation 0: no life counts from 0
        byte[] bad = new WireWriter(16).writeVarLong(1).writeString("a").writeNodeId(N1).writeVarLong(0).writeVarLong(1)
                .toByteArray();
        assertThrows(MalformedMessageException.class, () -> NameRegistry.readFrom(new WireReader(bad), 64));
    }

    @Test
    void ownersReadBackAndBadOnesSayWhy() {
        assertEquals(new Owner(N1, 7), Owner.parse("n1#7"));
        assertEquals("n1#7", new Owner(N1, 7).toString());
        for (String bad : new String[] {"n1", "#3", "n1#", "n1#x", "n1#0"}) {
            assertThrows(IllegalArgumentException.class, () -> Owner.parse(bad), bad);
        }
    }
}
