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
 */
export async function openPool(databaseUrl: string, maximumPoolSize = 10): Promise<DatabasePool> {
  const preset = createTypeParserPreset().filter((p) => !['timestamptz', 'timestamp', 'date', 'int8'].includes(p.name));
  return createPool(databaseUrl, {
    maximumPoolSize,
    interceptors: [resultParser],
    typeParsers: [
      ...preset,
      { name: 'timestamptz', parse: (v: string) => new Date(v).toISOString() },
      { name: 'date', parse: (v: string) => v },
      { name: 'int8', parse: (v: string) => Number(v) },
    ],
  });
}
