package io.mycel.node.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.SeededRandom;
import org.junit.jupiter.api.Test;

/** Topic names and filters: MQTT's examples, then the matcher against a plain level-by-level one over many drawn pairs. */
class TopicsTest {

    @Test
    void theSpecificationsExamples() {
        assertTrue(Topics.matches("sport/tennis/player1/#", "sport/tennis/player1"));
        assertTrue(Topics.matches("sport/tennis/player1/#", "sport/tennis/player1/ranking"));
        assertTrue(Topics.matches("sport/tennis/player1/#", "sport/tennis/player1/score/wimbledon"));
        assertTrue(Topics.matches("sport/#", "sport"));
        assertTrue(Topics.matches("sport/tennis/+", "sport/tennis/player1"));
        assertFalse(Topics.matches("sport/tennis/+", "sport/tennis/player1/ranking"));
        assertFalse(Topics.matches("sport/+", "sport"));
        assertTrue(Topics.matches("sport/+", "sport/"));
        assertTrue(Topics.matches("+/+", "/finance"));
        assertTrue(Topics.matches("/+", "/finance"));
        assertFalse(Topics.matches("+", "/finance"));
        assertFalse(Topics.matches("#", "$SYS/uptime"), "wildcards do not reach the broker's own topics");
        assertFalse(Topics.matches("+/monitor/Clients", "$SYS/monitor/Clients"));
        assertTrue(Topics.matches("$SYS/#", "$SYS/monitor/Clients"));
        assertTrue(Topics.matches("$SYS/monitor/+", "$SYS/monitor/Clients"));
    }

    @Test
    void validity() {
        for (String ok : new String[] {"#", "+", "a/+/b", "a/#", "+/+", "/", "a//b", "+/#"}) {
            assertTrue(Topics.validFilter(ok), ok);
        }
        for (String bad : new String[] {"", "a#", "a/#/b", "a+", "+a/b", "a/b#", "a\0b"}) {
            assertFalse(Topics.validFilter(bad), bad);
        }
        assertTrue(Topics.validName("a/b/c"));
        assertTrue(Topics.validName("/"));
        for (String bad : new String[] {"", "a/+", "#", "a\0"}) {
            assertFalse(Topics.validName(bad), bad);
        }
        assertEquals(65_535, Topics.utf8Length("é".repeat(32_767) + "a"));
        assertFalse(Topics.validName("é".repeat(32_768)), "too long in UTF-8, though short in chars");
    }

    @Test
    void agreesWithALevelByLevelMatcherOnDrawnPairs() {
        SeededRandom random = new SeededRandom(20261201);
        String[] levels = {"a", "b", "", "ab", "$s"};
        int matched = 0;
        for (int i = 0; i < 200_000; i++) {
            String name = draw(random, levels, false);
            String filter = draw(random, levels, true);
            if (!Topics.validFilter(filter) || !Topics.validName(name)) {
                continue;
            }
            boolean expected = reference(filter, name);
            assertEquals(expected, Topics.matches(filter, name), "filter '" + filter + "' against '" + name + "' (draw " + i + ")");
            matched += expected ? 1 : 0;
        }
        assertTrue(matched > 10_000, "the draws exercise matches too: " + matched);
    }

    private static String draw(SeededRandom random, String[] levels, boolean wildcards) {
        int n = 1 + random.nextInt(4);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append('/');
            }
            int pick = random.nextInt(levels.length + (wildcards ? 2 : 0));
            out.append(pick < levels.length ? levels[pick] : pick == levels.length ? "+" : "#");
        }
        return out.toString();
    }

    /** MQTT's rule written the plain way: split both into levels and walk them. */
    private static boolean reference(String filter, String name) {
        String[] f = filter.split("/", -1);
        String[] t = name.split("/", -1);
        if (name.startsWith("$") && (f[0].equals("+") || f[0].equals("#"))) {
            return false;
        }
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length || (!f[i].equals("+") && !f[i].equals(t[i]))) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
