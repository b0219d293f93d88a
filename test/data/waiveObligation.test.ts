import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { registerWaiveCommand } from '../../src/cli/waiveCommand.js';
import { ConfirmError } from '../../src/data/confirm/confirmError.js';
import { prepareWaiver, recordWaiver, type WaiveRequest } from '../../src/data/waive/waiveObligation.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations, type LoadResult } from '../../src/regulation/loadRegulations.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { runCli } from './cliHarness.js';

let db: TestDatabase;
let loaded: LoadResult;
const NOW = new Date('2025-02-14T06:30:00Z');

beforeAll(async () => {
  db = await freshDatabase('data_waive');
  loaded = loadRegulations([join(process.cwd(), 'test', 'data', 'regulations')], { calendars: calendarCatalog() });
  await db.pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES ('wm1', 'yanao', 'Тестовый район'), ('wm2', 'sakhalin', 'Другой район')`);
  await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES
    ('w-school', 'yanao', 'wm1', 'ООО', 'Школа'), ('w-mouo', 'yanao', 'wm1', 'МОУО', 'Управление образования'), ('w-far', 'sakhalin', 'wm2', 'ООО', 'Школа на Сахалине')`);
});
afterAll(async () => {
  await db?.close();
});

const request = (r: Partial<WaiveRequest>): WaiveRequest =>
  ({ rule: 'test-confirm-a/form-annual', period: '2026', organisation: 'w-school', by: 'Петрова Ольга', reason: 'приказ № 12 от 01.02.2025: капитальный ремонт', ...r });
const waive = (r: Partial<WaiveRequest>) => recordWaiver(db.pool, prepareWaiver(loaded, request(r), NOW), request(r).organisation);

async function refusal(r: Partial<WaiveRequest>): Promise<string> {
  try {
    await waive(r);
  } catch (err) {
    if (err instanceof ConfirmError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('waivers', () => {
  it('records who lifted which obligation, why and when, with an audit record; a period ahead may be waived', async () => {
    const r = await waive({});
    expect(r.status).toBe('recorded');
    expect(r.waiver).toMatchObject({ regulationId: 'test-confirm-a', ruleId: 'form-annual', periodId: '2026', organisationId: 'w-school', waivedBy: 'Петрова Ольга', waivedAt: NOW.toISOString() });
    const rows = await db.pool.any(sql.type(z.object({ actor: z.string(), organisation_id: z.string(), details: z.record(z.string(), z.unknown()) }))`
      SELECT actor, organisation_id, details FROM audit_events WHERE kind = 'waiver'`);
    expect(rows).toEqual([{ actor: 'Петрова Ольга', organisation_id: 'w-school', details: { periodId: '2026', waiverId: r.waiver.id, reason: 'приказ № 12 от 01.02.2025: капитальный ремонт', clause: '1' } }]);
    expect((await waive({ by: 'Другой' })).status).toBe('existing');
  });

  it('refuses event-relative rules, wrong periods, empty reasons and organisations that do not answer for the rule, writing nothing', async () => {
    expect(await refusal({ rule: 'card-3wd' })).toBe('правило «test-confirm-a/card-3wd» считается от событий: снять можно только обязанность за период');
    expect(await refusal({ period: '2024-Q3' })).toBe('у правила «test-confirm-a/form-annual» период — год (2024), а «2024-Q3» — квартал (2024-Q3)');
    expect(await refusal({ reason: ' ' })).toMatch(/не указано основание/);
    expect(await refusal({ organisation: 'w-far' })).toMatch(/из региона sakhalin/);
    expect(await refusal({ organisation: 'w-mouo' })).toBe('организация «w-mouo» (МОУО) не отвечает за правило «test-confirm-a/form-annual»: отвечают ООО');
    expect(await refusal({ organisation: 'nobody' })).toBe('организация «nobody» не найдена');
    expect(await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM waivers`)).toBe(1);
  });
});

describe('reglament waive', () => {
  it('exits 1 with the reason for a refused waiver', async () => {
    const bad = await runCli(registerWaiveCommand, ['waive', 'no-such-rule-at-all', '2024', 'w-school', '--by', 'X', '--reason', 'Y'], db.url);
    expect(bad).toMatchObject({ exitCode: 1, stdout: '' });
    expect(bad.stderr).toBe('reglament waive: правило «no-such-rule-at-all» не найдено в regulations/\n');
  });
});
