package io.mycel.node.pubsub.auth;

/**
 * Decides who may connect to a broker and what each client may do with topics. The broker asks on
 * its node's event loop, so an authenticator must answer at once: no blocking I/O, no waiting. It is
 * node code, deterministic like the rest: the time it judges by is the node's clock, given with
 * each question.
 *
 * <p>The access checks have defaults that apply the principal's {@link TopicAcl}; a plugin with
 * rules of its own overrides them.
 */
public interface MqttAuthenticator {

    /** Lets every client in, with every topic allowed: the broker's default. */
    MqttAuthenticator ANONYMOUS = (credentials, nowMicros) ->
            AuthResult.allow(new Principal(credentials.username() == null ? "" : credentials.username(), TopicAcl.ALLOW_ALL));

    /** Decides a CONNECT. */
    AuthResult authenticate(Credentials credentials, long nowMicros);

    default boolean mayPublish(Principal who, String topic) {
        return who.acl().mayPublish(topic);
    }

    default boolean maySubscribe(Principal who, String filter) {
        return who.acl().maySubscribe(filter);
    }

    /** Asked for each message only when {@link #checksEachMessage} says so for {@code who}. */
    default boolean mayReceive(Principal who, String topic) {
        return who.acl().mayReceive(topic);
    }

    /** Whether messages to {@code who} must each be checked; false spares the broker the work. */
    default boolean checksEachMessage(Principal who) {
        return who.acl().hasDenials();
    }
}
