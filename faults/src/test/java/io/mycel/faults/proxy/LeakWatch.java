package io.mycel.faults.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector at its most thorough (every buffer tracked), reporting here instead of to a
 * log: a test of the proxy then fails when a buffer it passed through was never released. Installed
 * before any buffer class loads (each proxy test class touches it in its static initialiser).
 */
final class LeakWatch {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected boolean needReport() {
                        return true;
                    }

                    @Override
                    protected void reportTracedLeak(String type, String records) {
                        LEAKS.add(type + " leaked:" + records);
                    }

                    @Override
                    protected void reportUntracedLeak(String type) {
                        LEAKS.add(type + " leaked");
                    }
                };
            }
        });
    }

    private LeakWatch() {
    }

    static void install() {
        // the static initialiser does the work
    }

    /** Collects what is garbage now and lets the detector look at it: any buffer never released is a leak. */
    static void assertNoLeaks() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            for (int j = 0; j < 8; j++) {
                ByteBufAllocator.DEFAULT.buffer(16).release();   // each tracked allocation drains the detector's queue
            }
        }
        List<String> found = List.copyOf(LEAKS);
        LEAKS.clear();
        assertEquals(List.of(), found, "buffers the proxy never released");
    }
}
