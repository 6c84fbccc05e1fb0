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
            "java.util.concurrent.TimeUnit.sleep",
            // Math may use platform intrinsics that differ in the last bit between machines and
            // JVMs; StrictMath gives the same bits everywhere, so a seed replays anywhere.
            "java.lang.Math.log", "java.lang.Math.log10", "java.lang.Math.log1p", "java.lang.Math.exp",
            "java.lang.Math.expm1", "java.lang.Math.pow", "java.lang.Math.sin", "java.lang.Math.cos",
            "java.lang.Math.tan", "java.lang.Math.asin", "java.lang.Math.acos", "java.lang.Math.atan",
            "java.lang.Math.atan2", "java.lang.Math.cbrt", "java.lang.Math.hypot", "java.lang.Math.sinh",
            "java.lang.Math.cosh", "java.lang.Math.tanh");

    private static final DescribedPredicate<JavaMethodCall> WALL_CLOCK_RANDOM_OR_SLEEP =
            new DescribedPredicate<>("the wall clock, unseeded randomness, a sleep, or Math's platform-dependent functions (use StrictMath)") {
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
