package io.mycel.node.pubsub;

/**
 * MQTT 5's reason codes, which the broker uses for both versions; the host maps the few that
 * MQTT 3.1.1 can say ({@link #connAckV311}, and 0x80 for a refused subscription) and otherwise just
 * closes the connection, as 3.1.1 does.
 */
public final class ReasonCode {

    public static final int SUCCESS = 0x00;
    public static final int DISCONNECT_WITH_WILL = 0x04;
    public static final int NO_MATCHING_SUBSCRIBERS = 0x10;
    public static final int NO_SUBSCRIPTION_EXISTED = 0x11;
    public static final int UNSPECIFIED_ERROR = 0x80;
    public static final int MALFORMED_PACKET = 0x81;
    public static final int PROTOCOL_ERROR = 0x82;
    public static final int UNSUPPORTED_PROTOCOL_VERSION = 0x84;
    public static final int CLIENT_ID_NOT_VALID = 0x85;
    public static final int BAD_USERNAME_OR_PASSWORD = 0x86;
    public static final int NOT_AUTHORIZED = 0x87;
    public static final int SERVER_BUSY = 0x89;
    public static final int KEEP_ALIVE_TIMEOUT = 0x8D;
    public static final int SESSION_TAKEN_OVER = 0x8E;
    public static final int TOPIC_FILTER_INVALID = 0x8F;
    public static final int TOPIC_NAME_INVALID = 0x90;
    public static final int PACKET_ID_IN_USE = 0x91;
    public static final int PACKET_ID_NOT_FOUND = 0x92;
    public static final int RECEIVE_MAXIMUM_EXCEEDED = 0x93;
    public static final int PACKET_TOO_LARGE = 0x95;
    public static final int QUOTA_EXCEEDED = 0x97;
    public static final int SHARED_SUBSCRIPTIONS_NOT_SUPPORTED = 0x9E;
    public static final int MAXIMUM_CONNECT_TIME = 0xA0;

    private ReasonCode() {
    }

    public static boolean failed(int code) {
        return code >= 0x80;
    }

    /** The 3.1.1 CONNACK return code closest to a CONNACK reason code. */
    public static int connAckV311(int code) {
        return switch (code) {
            case SUCCESS -> 0;
            case UNSUPPORTED_PROTOCOL_VERSION -> 1;
            case CLIENT_ID_NOT_VALID -> 2;
            case BAD_USERNAME_OR_PASSWORD -> 4;
            case NOT_AUTHORIZED -> 5;
            default -> 3;   // server unavailable
        };
    }
}
