import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { z } from 'zod';
import { markCancelled, pendingNotifications, pendingOfRule, recordDueNotifications } from '../../src/notify/notificationStore.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;
const ids: Record<string, number> = {};

beforeAll(async () => {
  db = await freshDatabase('notify_pending');
  await db.pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES ('pm1', 'yanao', 'Район')`);
  await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES ('p-s1', 'yanao', 'pm1', 'ООО', 'Школа')`);
  // Cases of two rules, one of them in two periods, with many cases each so that a pairwise match would show.
  const rows = await db.pool.any(sql.type(z.object({ id: z.number(), rule_id: z.string(), period_id: z.string(), subject_id: z.string() }))`
    INSERT INTO obligation_cases (regulation_id, rule_id, period_id, subject_kind, subject_id, organisation_id, municipality_id,
                                  event_date, due_at, last_day, status, detected_at, version_hash)
    SELECT 'reg', r.rule_id, r.period_id, 'order', r.rule_id || '/' || r.period_id || '/' || g, 'p-s1', 'pm1',
           '2024-09-02', '2024-09-05T19:00:00Z', '2024-09-05', 'open', '2024-09-06T00:00:00Z', 'v1'
    FROM (VALUES ('a', ''), ('b', '2024-09'), ('b', '2024-10')) AS r(rule_id, period_id), generate_series(1, 300) AS g
    RETURNING id, rule_id, period_id, subject_id`);
  for (const r of rows) ids[r.subject_id] = r.id;
  await recordDueNotifications(db.pool, rows.map((r) => ({ caseId: r.id, step: 0, role: 'organisation_head', email: 'head@example.org' })));
});
afterAll(async () => {
  await db?.close();
});

describe('pending notifications of a rule', () => {
  it('are those of its own cases (of one period when asked), cancelled ones left out', async () => {
    expect(await pendingNotifications(db.pool, { regulationId: 'reg', ruleId: 'a' })).toHaveLength(300);
    expect(await pendingNotifications(db.pool, { regulationId: 'reg', ruleId: 'b' })).toHaveLength(600);
    const october = await pendingNotifications(db.pool, { regulationId: 'reg', ruleId: 'b' }, '2024-10');
    expect(october).toHaveLength(300);
    expect(new Set(october.map((n) => n.case_id))).toEqual(new Set(Array.from({ length: 300 }, (_, i) => ids[`b/2024-10/${i + 1}`])));
    expect(await pendingNotifications(db.pool, { regulationId: 'other', ruleId: 'a' })).toEqual([]);

    await markCancelled(db.pool, october.slice(0, 100).map((n) => n.id));
    expect(await pendingNotifications(db.pool, { regulationId: 'reg', ruleId: 'b' }, '2024-10')).toHaveLength(200);
  });

  it('are read one case lookup each, whatever the statistics say about the tables', async () => {
    // Freshly written tables the planner has no statistics for: the lookup must stay by key.
    const plan = await db.pool.anyFirst(sql.type(z.object({ 'QUERY PLAN': z.string() }))`
      EXPLAIN SELECT n.id FROM ${pendingOfRule({ regulationId: 'reg', ruleId: 'a' })}`);
    expect(plan.join('\n')).toMatch(/obligation_cases_pkey/);
  });
});
