import type { Hash } from 'node:crypto';
import { sql, type CommonQueryMethods, type FragmentSqlToken, type PrimitiveValueExpression, type QuerySqlToken } from 'slonik';

/** A cell of a bulk row. */
export type Cell = string | number | boolean | null;

/** How rows of one kind are written: their columns (name, PostgreSQL type) and the INSERT that reads them. */
export interface BulkSpec {
  /** The table the rows end up in (for counts and the checksum). */
  table: string;
  columns: readonly (readonly [string, string])[];
  /**
   * The statement that inserts the rows; `rows` is `unnest(…) AS u(<columns>)`. Rows that refer to
   * other generated rows do so by natural key and join (e.g. `students` on organisation + external id).
   */
  insert(rows: FragmentSqlToken): QuerySqlToken;
}

/**
 * Runs queries one after another on one connection while the caller goes on generating: at most
 * `depth` queries wait, so memory stays bounded and the database and Node work at the same time.
 * The first failure is rethrown by the next `enqueue` or by `drain`.
 */
export class Pipeline {
  private last: Promise<unknown> = Promise.resolve();
  private readonly waiting: Promise<unknown>[] = [];

  constructor(private readonly db: CommonQueryMethods, private readonly depth = 2) {}

  /** Queues `query`; `onDone` receives its row count. Resolves when the queue has room again. */
  async enqueue(query: QuerySqlToken, onDone: (rowCount: number) => void): Promise<void> {
    const next = this.last.then(async () => onDone((await this.db.query(query)).rowCount));
    next.catch(() => {}); // reported through `waiting`, not as an unhandled rejection
    this.last = next;
    this.waiting.push(next);
    while (this.waiting.length > this.depth) await this.waiting.shift();
  }

  /** Runs `query` after everything queued and returns its rows. */
  async run<T>(query: QuerySqlToken): Promise<readonly T[]> {
    const next = this.last.then(() => this.db.any(query));
    next.catch(() => {});
    this.last = next;
    await this.drain();
    return (await next) as readonly T[];
  }

  /** Waits for every queued query; throws the first failure. */
  async drain(): Promise<void> {
    while (this.waiting.length) await this.waiting.shift();
    await this.last;
  }
}

/**
 * Buffers rows column by column and writes them in batches through a `Pipeline`. Each row is also
 * fed to the checksum (surrogate ids never appear in rows, so the checksum depends only on the
 * generated content).
 */
export class BulkWriter {
  private buffer: Cell[][];
  private size = 0;
  /** Rows the database reported inserted. */
  written = 0;
  /** Rows added so far. */
  generated = 0;

  constructor(readonly spec: BulkSpec, private readonly pipeline: Pipeline, private readonly hash: Hash, private readonly batchRows: number) {
    this.buffer = spec.columns.map(() => []);
  }

  /** Adds one row (cells in the order of `spec.columns`). */
  add(row: readonly Cell[]): void {
    for (let i = 0; i < row.length; i++) this.buffer[i]!.push(row[i]!);
    this.size++;
    this.generated++;
    this.hash.update(this.spec.table);
    this.hash.update(JSON.stringify(row));
  }

  /** Whether a full batch is waiting. */
  get full(): boolean {
    return this.size >= this.batchRows;
  }

  /** Queues the buffered rows for writing (nothing when empty). */
  async flush(): Promise<void> {
    if (this.size === 0) return;
    const columns = this.buffer;
    this.buffer = this.spec.columns.map(() => []);
    this.size = 0;
    const rows = sql.fragment`unnest(${sql.join(
      this.spec.columns.map(([, type], i) => sql.array(columns[i] as PrimitiveValueExpression[], type)),
      sql.fragment`, `,
    )}) AS u(${sql.join(this.spec.columns.map(([name]) => sql.identifier([name])), sql.fragment`, `)})`;
    await this.pipeline.enqueue(this.spec.insert(rows), (n) => {
      this.written += n;
    });
  }
}

/** `a, b, c` for the given column names. */
export function columnList(names: readonly string[]): ReturnType<typeof sql.join> {
  return sql.join(names.map((n) => sql.identifier([n])), sql.fragment`, `);
}

/** `u.a, u.b, u.c` for the given column names. */
export function rowColumns(names: readonly string[]): ReturnType<typeof sql.join> {
  return sql.join(names.map((n) => sql.identifier(['u', n])), sql.fragment`, `);
}

/** A spec that inserts the columns as they are. */
export function plainSpec(table: string, columns: readonly (readonly [string, string])[]): BulkSpec {
  const names = columns.map(([n]) => n);
  return { table, columns, insert: (rows) => sql.unsafe`INSERT INTO ${sql.identifier([table])} (${columnList(names)}) SELECT ${rowColumns(names)} FROM ${rows}` };
}
