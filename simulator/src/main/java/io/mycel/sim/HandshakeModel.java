package io.mycel.sim;

/**
 * What opening an authenticated, encrypted link between two nodes costs: TLS 1.3 with both sides
 * showing a certificate, as real nodes with an {@code identity:} do. The side that opens the link
 * sends its hello; the other answers (with its certificate, in a full handshake); the opener checks
 * the answer and sends its own certificate with its first data. So the first message on a new link
 * waits one round trip and both sides' work, and each side's radio carries its flights.
 *
 * <p>A node that dials a peer again while both still hold the session of their last handshake
 * resumes it: the hello carries the session ticket, no certificate is sent or checked, and only the
 * key agreement is done again. A restart of either end loses the session (it lives in memory).
 *
 * <p>The figures of {@link #TLS13} are {@code mycel hil handshake} on the lab's x86 machine
 * (OpenJDK 17, P-256 keys, a node token of about 600 bytes in each certificate), CPU including the
 * check of the peer's token each side makes once the handshake is done (which a resumed session
 * needs, having skipped the certificates). A Pi's or an
 * ESP32's CPU times are larger: run the command on the board and give its figures in the scenario.
 *
 * @param full a handshake between nodes that hold no session of each other
 * @param resumed a handshake that resumes the session of the last one
 * @param resumption whether nodes resume sessions (real nodes do)
 * @param retransmitMicros how much later a lost flight arrives (TCP sends it again after its
 *     initial retransmission timeout, 1 s)
 */
public record HandshakeModel(Cost full, Cost resumed, boolean resumption, long retransmitMicros) {

    /**
     * One kind of handshake.
     *
     * @param helloBytes the opener's first flight (its ClientHello; with the ticket when resuming)
     * @param serverFlightBytes the answer: ServerHello through Finished (with the answerer's
     *     certificate and signature in a full handshake)
     * @param clientFlightBytes the opener's certificate, signature and Finished (only Finished when resuming)
     * @param ticketBytes what the answerer sends after the handshake (a session ticket for the next
     *     one); charged to the radios, it delays nothing
     * @param initiatorCpuMicros CPU the opener spends (key agreement; checking the answerer's
     *     certificate and token and signing, in a full handshake)
     * @param responderCpuMicros CPU the answerer spends, half when it answers the hello and half
     *     when the opener's last flight comes
     */
    public record Cost(int helloBytes, int serverFlightBytes, int clientFlightBytes, int ticketBytes,
                       long initiatorCpuMicros, long responderCpuMicros) {

        public Cost {
            if (helloBytes < 0 || serverFlightBytes < 0 || clientFlightBytes < 0 || ticketBytes < 0 || initiatorCpuMicros < 0
                    || responderCpuMicros < 0) {
                throw new IllegalArgumentException("handshake sizes and CPU times must be at least 0");
            }
        }

        /** Every byte both sides send for one handshake. */
        public int totalBytes() {
            return helloBytes + serverFlightBytes + clientFlightBytes + ticketBytes;
        }
    }

    /** Measured with {@code mycel hil handshake} on the lab machine (x86-64, OpenJDK 17), 2026-12-02. */
    public static final HandshakeModel TLS13 = new HandshakeModel(
            new Cost(321, 1_202, 960, 1_860, 6_400, 7_300),
            new Cost(2_172, 245, 80, 1_860, 3_000, 4_100),
            true, 1_000_000);

    public HandshakeModel {
        if (full == null || resumed == null || retransmitMicros < 1) {
            throw new IllegalArgumentException("a handshake model needs both costs and a positive retransmission timeout");
        }
    }
}
