package io.mycel.node.kv;

/**
 * What an operation did: {@code ok} false only for a cas whose expected value did not match (it
 * had no effect); {@code value} is what a get read (null for an absent key).
 */
public record KvResult(boolean ok, String value) {
}
