package io.mycel.node.registry;

/** A name's holder: task number {@code task} of one node's incarnation. Written {@code n3#4.17}. */
public record Registration(Owner owner, long task) {

    public Registration {
        if (task < 1) {
            throw new IllegalArgumentException("a task number counts from 1, got " + task);
        }
    }

    @Override
    public String toString() {
        return owner + "." + task;
    }
}
