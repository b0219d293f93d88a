import { sql, type FragmentSqlToken } from 'slonik';

/**
 * SQL: `value` as a `jsonb` parameter, serialised once with `JSON.stringify` (undefined fields
 * dropped, dates as ISO strings). Used for the large batches a sweep writes (outbox parts, audit
 * records), where `sql.jsonb` would first need a plain copy of the value and then serialise it
 * again with sorted keys.
 */
export function jsonValue(value: unknown): FragmentSqlToken {
  return sql.fragment`${JSON.stringify(value) ?? 'null'}::jsonb`;
}
