package io.mycel.power;

/**
 * The lab's measure of a radio's duty cycle: the airtime of the frames that started within a sliding
 * window, taken as each frame starts, and the most it ever was. Kept apart from node code's own
 * account, so that a node that miscounts is caught. Frames are kept in a ring of primitive arrays,
 * since every frame a powered node sends passes through here.
 */
final class AirtimeWindow {

    private final long windowMicros;
    private long[] starts = new long[16];
    private long[] airtimes = new long[16];
    private int head;
    private int size;
    private long sum;
    private long worst;

    AirtimeWindow(long windowMicros) {
        this.windowMicros = windowMicros;
    }

    void add(long startMicros, long airtimeMicros) {
        while (size > 0 && starts[head] <= startMicros - windowMicros) {
            sum -= airtimes[head];
            head = (head + 1) % starts.length;
            size--;
        }
        if (size == starts.length) {
            grow();
        }
        int tail = (head + size) % starts.length;
        starts[tail] = startMicros;
        airtimes[tail] = airtimeMicros;
        size++;
        sum += airtimeMicros;
        worst = Math.max(worst, sum);
    }

    long worst() {
        return worst;
    }

    private void grow() {
        long[] s = new long[starts.length * 2];
        long[] a = new long[starts.length * 2];
        for (int i = 0; i < size; i++) {
            s[i] = starts[(head + i) % starts.length];
            a[i] = airtimes[(head + i) % starts.length];
        }
        starts = s;
        airtimes = a;
        head = 0;
    }
}
