package io.mycel.node.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The determinism law as ArchUnit rules, shared (as a test jar) by every module that holds node or
 * simulator code. Node code must take time, randomness and scheduling from its host only; the real
 * runtime ({@code ..runtime..} packages) is the one place allowed to touch the machine.
 */
public final class DeterminismRules {

    private static final Set<String> BANNED_CALLS = Set.of(
            "java.lang.System.currentTimeMillis",
            "java.lang.System.nanoTime",
            "java.lang.Math.random",
            "java.lang.StrictMath.random",
            "java.util.UUID.randomUUID",
            "java.lang.Thread.sleep",
            "java.time.Instant.now",
            "java.time.LocalDate.now",
            "java.time.LocalTime.now",
            "java.time.LocalDateTime.now",
            "java.time.OffsetDateTime.now",
            "java.time.ZonedDateTime.now",
            "java.util.concurrent.TimeUnit.sleep");

    private static final DescribedPredicate<JavaMethodCall> WALL_CLOCK_RANDOM_OR_SLEEP =
            new DescribedPredicate<>("the wall clock, unseeded randomness or a sleep") {
                @Override
                public boolean test(JavaMethodCall call) {
                    return BANNED_CALLS.contains(call.getTargetOwner().getFullName() + "." + call.getName());
                }
            };

    private DeterminismRules() {
    }

    /** No class in {@code packages} (outside {@code ..runtime..}) may reach the machine directly. */
    public static ArchRule nodeCodeIsDeterministic(String... packages) {
        return noClasses()
                .that().resideInAnyPackage(packages)
                .and().resideOutsideOfPackage("..runtime..")
                .should().callMethodWhere(WALL_CLOCK_RANDOM_OR_SLEEP)
                .orShould().dependOnClassesThat().belongToAnyOf(
                        Thread.class, Random.class, SecureRandom.class, ThreadLocalRandom.class,
                        SplittableRandom.class, Timer.class, ForkJoinPool.class, CompletableFuture.class,
                        Clock.class)
                .orShould().dependOnClassesThat().areAssignableTo(Executor.class)
                .because("node and simulator code must take time, randomness and scheduling from its host "
                        + "(NodeContext or the simulator), so that a seed replays a run byte for byte");
    }
}
