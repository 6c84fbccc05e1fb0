package io.mycel.node.tasks;

/**
 * How a node's tasks are run and restarted: one-for-one (a crash restarts only the task that
 * crashed), at most {@code maxRestarts} within {@code windowMicros} before the task is given up, as
 * an OTP supervisor's restart intensity; mailboxes hold at most {@code mailboxLimit} messages (more
 * are refused); a scheduling turn handles at most {@code batch} messages before yielding the loop.
 */
public record RestartPolicy(int maxRestarts, long windowMicros, int mailboxLimit, int batch) {

    public RestartPolicy {
        if (maxRestarts < 0 || windowMicros < 1 || mailboxLimit < 1 || batch < 1) {
            throw new IllegalArgumentException("restarts >= 0, window, mailbox limit and batch >= 1");
        }
    }
}
