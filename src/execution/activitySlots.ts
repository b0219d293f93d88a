/**
 * Activities a worker runs at once unless told otherwise. Sweeps and occurrence steps spend most of
 * their time waiting on PostgreSQL, so a few in flight keep both the database and the worker busy;
 * the benchmark runs its daily sweep and full evaluation with the same number.
 */
export const DEFAULT_ACTIVITY_SLOTS = 4;
