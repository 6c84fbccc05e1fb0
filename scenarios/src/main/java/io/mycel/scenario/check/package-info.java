/**
 * Checks of protocol behaviour, judged on what node code reports through
 * {@code NodeContext.emit(event, detail)} (the trace's {@code note} records) together with the
 * crashes, pauses and network faults of the run ({@link io.mycel.scenario.run.RunRecord}).
 *
 * <p>The notes they read, by event name, and what the detail holds:
 * <ul>
 *   <li>{@code member-dead}, {@code member-suspect}, {@code member-alive}: a member's name
 *       ({@code n3}); the emitting node now holds that member dead, suspect, or alive again.</li>
 *   <li>{@code bcast-send}: a broadcast id; the emitting node originated that broadcast.</li>
 *   <li>{@code bcast-deliver}: a broadcast id; the emitting node delivered it (the originator does
 *       not deliver its own).</li>
 * </ul>
 */
package io.mycel.scenario.check;
