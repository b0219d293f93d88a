import { Context } from '@temporalio/activity';

/**
 * The clock of a simulation, for activities: the time the server scheduled the running activity
 * (on the time-skipping server, the skipped-to time) plus the simulation's offset, so sent and
 * audit times fall on the simulated days. Outside an activity, the wall clock plus the offset.
 */
export function simulatedClock(clockOffsetMs: number): () => Date {
  return () => {
    try {
      return new Date(Context.current().info.currentAttemptScheduledTimestampMs + clockOffsetMs);
    } catch {
      return new Date(Date.now() + clockOffsetMs);
    }
  };
}
