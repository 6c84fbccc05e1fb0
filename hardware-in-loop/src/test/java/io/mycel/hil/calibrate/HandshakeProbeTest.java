package io.mycel.hil.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.sim.HandshakeModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handshake of a real secure link, measured as {@code mycel hil handshake} does, against the
 * simulator's model of it: the model's byte counts must be the real ones (within a few bytes: the
 * token's timestamps and the signatures' DER encoding vary), so a change to the certificate or the
 * token that makes links dearer shows here.
 */
class HandshakeProbeTest {

    @TempDir
    Path dir;

    @Test
    void theSimulatorsHandshakeIsTheRealOne() throws Exception {
        HandshakeProbe probe = new HandshakeProbe(dir);
        HandshakeProbe.Result full = probe.measure(2, 3, false);
        HandshakeProbe.Result resumed = probe.measure(2, 3, true);
        assertEquals(4, full.flights().size(), "hello, answer, the opener's certificate, the ticket: " + full);
        assertEquals(4, resumed.flights().size(), resumed.toString());
        assertTrue(full.flights().get(0).fromInitiator() && !full.flights().get(1).fromInitiator(), full.toString());
        // Resuming, the hello carries the ticket and the answer carries no certificate.
        assertTrue(resumed.bytes(0) > full.bytes(0) + 1_000, resumed + " vs " + full);
        assertTrue(resumed.bytes(1) < full.bytes(1) / 3, resumed + " vs " + full);
        assertClose(HandshakeModel.TLS13.full(), full);
        assertClose(HandshakeModel.TLS13.resumed(), resumed);
    }

    private static void assertClose(HandshakeModel.Cost model, HandshakeProbe.Result real) {
        int[] modelled = {model.helloBytes(), model.serverFlightBytes(), model.clientFlightBytes(), model.ticketBytes()};
        for (int i = 0; i < modelled.length; i++) {
            assertTrue(Math.abs(modelled[i] - real.bytes(i)) <= 16,
                    "flight " + i + ": the model says " + modelled[i] + " bytes, a real handshake sends " + real.bytes(i));
        }
    }
}
