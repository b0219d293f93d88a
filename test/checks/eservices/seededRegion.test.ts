import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { PERIOD_CHECKS_ESERVICES } from '../../../src/checks/areas/eservices.js';
import { judgeOutcome } from '../../../src/checks/period/judgeOutcome.js';
import { seedRegion } from '../../../src/data/seed/seedRegion.js';
import { projectRoot } from '../../../src/paths.js';
import { planRegulation } from '../../../src/plan/planRegulation.js';
import { calendarCatalog } from '../../../src/regulation/calendarCatalog.js';
import { loadRegulations } from '../../../src/regulation/loadRegulations.js';
import { loadCalendar } from '../../../src/time/calendarFile.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';

// The e-service checks on a generated region, with the real rules of the Chelyabinsk order of 2024:
// the seed plays out 2023/2024, so its admission campaigns are those of 2024.
describe('e-service checks on a seeded region', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase('eservices_seeded');
    await seedRegion(db.pool, { region: 'chelyabinsk', organisations: 100, students: 3000, seed: 11, academicYear: '2023/2024', journalDays: 0 });
  });
  afterAll(async () => db?.close());

  test('the data has the shape the checks read', async () => {
    const n = (q: ReturnType<typeof sql.fragment>) => db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT (${q})::int AS n`);
    expect(await n(sql.fragment`SELECT count(*) FROM citizen_applications WHERE campaign_id IS NOT NULL AND kind NOT IN ('school', 'kindergarten', 'spo', 'summer_camp')`)).toBe(0);
    expect(await n(sql.fragment`SELECT count(*) FROM citizen_applications WHERE kind = 'kindergarten' AND enrolled_at IS NOT NULL AND (directed_at IS NULL OR enrolled_at < directed_at)`)).toBe(0);
    expect(await n(sql.fragment`SELECT count(*) FROM campaign_places p WHERE NOT EXISTS (SELECT 1 FROM campaign_place_counts k WHERE k.place_id = p.id)`)).toBe(0);
    expect(await n(sql.fragment`SELECT count(*) FROM eservice_distributions`)).toBeGreaterThan(0);
    expect(await n(sql.fragment`SELECT count(*) FROM eservice_organisation_cards`)).toBeGreaterThan(50);
  });

  test('every rule of the order using these checks is judged on data, most subjects in time', async () => {
    const regulation = loadRegulations([join(projectRoot(), 'regulations', 'chelyabinsk-2024-047371.yaml')], { calendars: calendarCatalog() }).regulations[0]!;
    const names = new Set(PERIOD_CHECKS_ESERVICES.map((c) => c.name));
    const checks = Object.fromEntries(PERIOD_CHECKS_ESERVICES.map((c) => [c.name, c]));
    const occurrences = planRegulation(regulation, loadCalendar(), { from: '2024-01-01', to: '2024-12-31' })
      .filter((o) => o.deadlines.length > 0 && names.has(regulation.rules.find((r) => r.id === o.ruleId)!.check.name));
    const judged: Record<string, Record<string, number>> = {};
    for (const o of occurrences) {
      const rule = regulation.rules.find((r) => r.id === o.ruleId)!;
      const d = o.deadlines[0]!;
      const asOf = new Date(Date.parse(d.due) + 30 * 86_400_000).toISOString();
      const outcomes = await checks[rule.check.name]!.evaluate(db.pool, {
        ruleKey: { regulationId: regulation.id, ruleId: rule.id }, region: regulation.region, timezone: regulation.timezone, params: rule.check.params,
        organisationTypes: rule.scope.organisationTypes, municipalities: rule.scope.municipalities, subjectScope: d.role.scope,
        period: o.period, dueAt: d.due, asOf,
      });
      const tally = (judged[`${rule.id}/${o.period.id}`] = {} as Record<string, number>);
      for (const out of outcomes) {
        const s = judgeOutcome(out, d.due, asOf).status;
        tally[s] = (tally[s] ?? 0) + 1;
      }
    }
    // The generated region has no ДОЛ (schools run the camps); every other rule has subjects, and some comply.
    const withData = Object.entries(judged).filter(([k]) => !k.startsWith('dol-shifts') && !k.startsWith('dol-applications'));
    expect(withData.length).toBeGreaterThanOrEqual(10);
    for (const [key, tally] of withData) {
      expect([key, Object.values(tally).reduce((a, b) => a + b, 0) > 0]).toEqual([key, true]);
    }
    const met = (key: string) => (judged[key]?.met ?? 0) + (judged[key]?.met_late ?? 0);
    for (const key of ['grade1-classes-mar-1/2024', 'doo-age-groups/2024', 'doo-distribution/2024', 'spo-intake-window/2024', 'spo-applications/2024-extension']) {
      expect([key, met(key) > 0]).toEqual([key, true]);
    }
  });
});
