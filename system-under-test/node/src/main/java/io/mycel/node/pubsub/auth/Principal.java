package io.mycel.node.pubsub.auth;

/**
 * Who a connected client is, as its authenticator decided, and what it may do with topics.
 *
 * @param name the identity access rules and logs name it by (a username, a token's subject)
 */
public record Principal(String name, TopicAcl acl) {
}
