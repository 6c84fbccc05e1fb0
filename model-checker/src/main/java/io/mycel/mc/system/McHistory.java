package io.mycel.mc.system;

import java.util.ArrayList;
import java.util.List;

/** The clients' history along one path, in order. */
final class McHistory {

    private final ArrayList<HistoryEvent> events = new ArrayList<>();

    void add(HistoryEvent event) {
        events.add(event);
    }

    List<HistoryEvent> events() {
        return java.util.Collections.unmodifiableList(events);
    }
}
