import { createPool, createTypeParserPreset, type DatabasePool, type Interceptor, type QueryResultRow, SchemaValidationError } from 'slonik';

/**
 * Validates every typed query's rows against the zod schema given with `sql.type(...)`, so a
 * column that drifts from the code fails loudly at the query instead of deep in a workflow.
 */
const resultParser: Interceptor = {
  name: 'reglament-result-parser',
  transformRow: (executionContext, actualQuery, row) => {
    const { resultParser: parser } = executionContext;
    if (!parser) return row;
    const parsed = parser.safeParse(row);
    if (!parsed.success) throw new SchemaValidationError(actualQuery, row, parsed.error.issues);
    return parsed.data as QueryResultRow;
  },
};

/**
 * Opens a slonik pool on `databaseUrl`. Timestamps come back as ISO strings (UTC), dates as
 * `YYYY-MM-DD` strings and bigint ids as numbers, so rows can cross into Temporal as plain JSON.
 * Connections go back to the pool as they are: the engine keeps no session state (settings are
 * `SET LOCAL`, locks `pg_advisory_xact_lock`, both ending with their transaction), so slonik's
 * default `DISCARD ALL` on every release would be one more round trip per query for nothing — a
 * sweep makes a couple of dozen.
 */
export async function openPool(databaseUrl: string, maximumPoolSize = 10): Promise<DatabasePool> {
  const preset = createTypeParserPreset().filter((p) => !['timestamptz', 'timestamp', 'date', 'int8'].includes(p.name));
  return createPool(databaseUrl, {
    maximumPoolSize,
    resetConnection: async () => {},
    interceptors: [resultParser],
    typeParsers: [
      ...preset,
      { name: 'timestamptz', parse: (v: string) => new Date(v).toISOString() },
      { name: 'date', parse: (v: string) => v },
      { name: 'int8', parse: (v: string) => Number(v) },
    ],
  });
}
