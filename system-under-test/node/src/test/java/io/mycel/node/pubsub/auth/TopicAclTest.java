package io.mycel.node.pubsub.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mycel.node.api.SeededRandom;
import io.mycel.node.pubsub.Topics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Access rules: coverage of one filter by another, checked against every name of a small universe, and the ACL file. */
class TopicAclTest {

    private static final String[] LEVELS = {"a", "b", "", "$s"};

    /** Every name of up to four levels over {@link #LEVELS} ("$s" first only, as MQTT's $ names are). */
    private static List<String> universe() {
        List<String> names = new ArrayList<>();
        List<String> frontier = new ArrayList<>(List.of(""));
        for (int depth = 1; depth <= 4; depth++) {
            List<String> next = new ArrayList<>();
            for (String prefix : frontier) {
                for (String level : LEVELS) {
                    if (level.startsWith("$") && depth > 1) {
                        continue;
                    }
                    String name = depth == 1 ? level : prefix + "/" + level;
                    next.add(name);
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
            frontier = next;
        }
        return names;
    }

    private static String drawFilter(SeededRandom random) {
        int depth = 1 + random.nextInt(3);
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            if (i > 0) {
                f.append('/');
            }
            int pick = random.nextInt(6);
            if (pick == 5 && i == depth - 1) {
                f.append('#');
            } else if (pick >= 4) {
                f.append('+');
            } else {
                f.append(LEVELS[i == 0 ? pick : pick % 3]);
            }
        }
        return f.toString();
    }

    @Test
    void aRuleCoversAFilterExactlyWhenItMatchesEveryNameTheFilterMatches() {
        List<String> names = universe();
        SeededRandom random = new SeededRandom(11);
        int covered = 0;
        for (int i = 0; i < 4_000; i++) {
            String rule = drawFilter(random);
            String filter = drawFilter(random);
            if (!Topics.validFilter(rule) || !Topics.validFilter(filter)) {
                continue;
            }
            boolean expected = names.stream().allMatch(n -> !Topics.matches(filter, n) || Topics.matches(rule, n));
            assertEquals(expected, Topics.covers(rule, filter), "rule " + rule + " over filter " + filter);
            covered += expected ? 1 : 0;
        }
        assertTrue(covered > 300, "the draw should give many covering pairs, gave " + covered);
    }

    @Test
    void publishNeedsAWriteRuleAndNoDenialSubscribeNeedsAReadRuleOverTheWholeFilter() {
        TopicAcl acl = new TopicAcl(List.of(new TopicAcl.Rule(TopicAcl.Access.READ, "sensors/#"),
                new TopicAcl.Rule(TopicAcl.Access.WRITE, "sensors/alice/+"), new TopicAcl.Rule(TopicAcl.Access.DENY, "sensors/alice/secret")));
        assertTrue(acl.mayPublish("sensors/alice/temp"));
        assertFalse(acl.mayPublish("sensors/alice/secret"));
        assertFalse(acl.mayPublish("sensors/bob/temp"));
        assertTrue(acl.maySubscribe("sensors/+/temp"));
        assertFalse(acl.maySubscribe("#"));
        assertFalse(acl.maySubscribe("+/alice/temp"));
        assertTrue(acl.hasDenials());
        assertFalse(acl.mayReceive("sensors/alice/secret"));
        assertTrue(acl.mayReceive("sensors/alice/temp"));
        assertFalse(new TopicAcl(List.of()).mayPublish("x"), "no rule: nothing allowed");
        assertTrue(TopicAcl.ALLOW_ALL.maySubscribe("$SYS/#"));
    }

    @Test
    void theAclFileGivesEachClientItsUsersRulesAndThePatternsThatApply() {
        AclFile file = AclFile.parse("acl", List.of(
                "# rules for clients without a user name",
                "topic read public/#",
                "",
                "user alice",
                "topic sensors/alice/#",
                "topic deny sensors/alice/private",
                "user bob",
                "topic read sensors/#",
                "pattern write devices/%c/status",
                "pattern readwrite users/%u/#"));
        TopicAcl anon = file.forClient(null, "dev1");
        assertTrue(anon.maySubscribe("public/news"));
        assertTrue(anon.mayPublish("devices/dev1/status"));
        assertFalse(anon.mayPublish("users//x"), "%u patterns do not apply without a user name");
        TopicAcl alice = file.forClient("alice", "phone");
        assertTrue(alice.mayPublish("sensors/alice/temp"), "no access word: readwrite");
        assertFalse(alice.mayPublish("sensors/alice/private"));
        assertTrue(alice.mayPublish("users/alice/inbox"));
        assertFalse(alice.mayPublish("users/bob/inbox"));
        assertFalse(alice.maySubscribe("public/#"), "anonymous rules are for anonymous clients");
        TopicAcl bob = file.forClient("bob", "laptop");
        assertTrue(bob.maySubscribe("sensors/#"));
        assertFalse(bob.mayPublish("sensors/bob/x"));
        assertFalse(file.forClient("carol", "x").maySubscribe("sensors/#"), "an unlisted user has the patterns only");
    }

    @Test
    void aClientIdOrUserNameWithWildcardsOrSlashesGetsNoPatternRule() {
        AclFile file = AclFile.parse("acl", List.of("pattern readwrite devices/%c/#", "pattern readwrite users/%u/#"));
        assertFalse(file.forClient("x", "#").mayPublish("devices/other/status"));
        assertFalse(file.forClient("x", "a/b").mayPublish("devices/a/b/status"));
        assertFalse(file.forClient("+", "c").mayPublish("users/bob/x"));
        assertTrue(file.forClient("bob", "c").mayPublish("users/bob/x"));
    }

    @Test
    void mistakesInTheAclFileNameTheFileLineAndWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AclFile.parse("mqtt.acl", List.of("user alice", "topic readwrite a/#/b")));
        assertEquals("mqtt.acl:2: expected a topic filter (levels separated by '/', '+' for one level, '#' last for the rest), got 'a/#/b'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AclFile.parse("mqtt.acl", List.of("", "topc read a")));
        assertTrue(e.getMessage().startsWith("mqtt.acl:2: expected 'user NAME', 'topic [read|write|readwrite|deny] FILTER'"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AclFile.parse("mqtt.acl", List.of("topic read")));
        assertTrue(e.getMessage().startsWith("mqtt.acl:1: expected a topic filter"), e.getMessage());
    }
}
