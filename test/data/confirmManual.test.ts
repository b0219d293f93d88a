import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { registerConfirmCommand } from '../../src/cli/confirmCommand.js';
import { ConfirmError } from '../../src/data/confirm/confirmError.js';
import { confirmManual, type ConfirmRequest } from '../../src/data/confirm/confirmManual.js';
import { loadForApply } from '../../src/engine.js';
import { calendarCatalog } from '../../src/regulation/calendarCatalog.js';
import { loadRegulations, type LoadResult } from '../../src/regulation/loadRegulations.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { runCli } from './cliHarness.js';

let db: TestDatabase;
let loaded: LoadResult;
const NOW = new Date('2025-02-14T06:30:00Z');

beforeAll(async () => {
  db = await freshDatabase('data_confirm');
  loaded = loadRegulations([join(process.cwd(), 'test', 'data', 'regulations')], { calendars: calendarCatalog() });
  await db.pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES ('cm1', 'yanao', 'Тестовый район'), ('cm2', 'sakhalin', 'Другой район')`);
  await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES
    ('c-school', 'yanao', 'cm1', 'ООО', 'Школа'), ('c-kindergarten', 'yanao', 'cm1', 'ДОО', 'Детский сад'),
    ('c-mouo', 'yanao', 'cm1', 'МОУО', 'Управление образования'), ('c-far', 'sakhalin', 'cm2', 'ООО', 'Школа на Сахалине')`);
});
afterAll(async () => {
  await db?.close();
});

const confirm = (r: Partial<ConfirmRequest>) => confirmManual(db.pool, loaded, { rule: 'test-confirm-a/form-annual', period: '2024', organisation: 'c-school', by: 'Иванова Анна Петровна', ...r }, NOW);

async function refusal(r: Partial<ConfirmRequest>): Promise<string> {
  try {
    await confirm(r);
  } catch (err) {
    if (err instanceof ConfirmError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

const audit = z.object({ actor: z.string(), kind: z.string(), regulation_id: z.string(), rule_id: z.string(), organisation_id: z.string(), version_hash: z.string().nullable(), at: z.string(), details: z.record(z.unknown()) });

describe('confirmManual', () => {
  it('records who confirmed what and when, with an audit record', async () => {
    const r = await confirm({ note: 'форма сдана 10.10.2024' });
    expect(r.status).toBe('recorded');
    expect(r.confirmation).toMatchObject({ regulationId: 'test-confirm-a', ruleId: 'form-annual', periodId: '2024', organisationId: 'c-school', confirmedBy: 'Иванова Анна Петровна', confirmedAt: NOW.toISOString(), note: 'форма сдана 10.10.2024' });
    const rows = await db.pool.any(sql.type(audit)`SELECT actor, kind, regulation_id, rule_id, organisation_id, version_hash, at, details FROM audit_events WHERE kind = 'manual_confirmation'`);
    expect(rows).toEqual([{
      actor: 'Иванова Анна Петровна', kind: 'manual_confirmation', regulation_id: 'test-confirm-a', rule_id: 'form-annual', organisation_id: 'c-school',
      version_hash: loaded.regulations.find((x) => x.id === 'test-confirm-a')!.versionHash, at: NOW.toISOString(),
      details: { periodId: '2024', confirmationId: r.confirmation.id, note: 'форма сдана 10.10.2024', clause: '1' },
    }]);
  });

  it('a repeated confirmation changes nothing and says so', async () => {
    const r = await confirmManual(db.pool, loaded, { rule: 'form-annual', period: '2024', organisation: 'c-school', by: 'Петров Пётр' }, new Date('2025-03-01T00:00:00Z'));
    expect(r.status).toBe('existing');
    expect(r.confirmation).toMatchObject({ confirmedBy: 'Иванова Анна Петровна', confirmedAt: NOW.toISOString() });
    expect(await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM manual_confirmations`)).toBe(1);
    expect(await db.pool.oneFirst(sql.type(z.object({ n: z.number() }))`SELECT count(*)::int AS n FROM audit_events`)).toBe(1);
  });

  it('accepts a unique rule id and the МОУО for a municipal tier', async () => {
    const r = await confirm({ rule: 'quarterly-report', period: '2024-Q4', organisation: 'c-mouo' });
    expect(r).toMatchObject({ status: 'recorded', confirmation: { regulationId: 'test-confirm-a', ruleId: 'quarterly-report', periodId: '2024-Q4' } });
  });

  it('rejects an unknown rule, with a hint for a typo', async () => {
    expect(await refusal({ rule: 'test-confirm-a/form-anual' })).toBe('правило «test-confirm-a/form-anual» не найдено в regulations/; возможно, имелось в виду «test-confirm-a/form-annual»');
    expect(await refusal({ rule: 'no-such-rule-at-all' })).toBe('правило «no-such-rule-at-all» не найдено в regulations/');
  });

  it('rejects a rule id found in several regulations', async () => {
    expect(await refusal({ rule: 'shared-rule', period: '2024-09' })).toMatch(/есть в нескольких регламентах: test-confirm-a\/shared-rule, test-confirm-b\/shared-rule/);
    expect((await confirm({ rule: 'test-confirm-b/shared-rule', period: '2024-09' })).status).toBe('recorded');
  });

  it('rejects a rule whose check is not manual', async () => {
    expect(await refusal({ rule: 'card-3wd', period: '2024-09-05' })).toBe('правило «test-confirm-a/card-3wd» проверяется автоматически (проверка «student_card_complete»): ручное подтверждение для него не записывается');
  });

  it.each([
    ['2024-13', /некорректный период «2024-13»: нет месяца 13/],
    ['2024-Q5', /некорректный период «2024-Q5»: ожидается 2024-09-05/],
    ['2024/2026', /учебный год «2024\/2026» должен охватывать два соседних года/],
    ['2024-W54', /в 2024 году 52 ISO-недель, а не 54/],
    ['2024-02-30', /периода «2024-02-30» не бывает/],
    ['сентябрь 2024', /некорректный период «сентябрь 2024»/],
    ['', /некорректный период «»/],
  ])('rejects the malformed or impossible period %p', async (period, message) => {
    expect(await refusal({ period })).toMatch(message);
  });

  it.each([
    ['2024-09', 'у правила «test-confirm-a/form-annual» период — год (2024), а «2024-09» — месяц (2024-09)'],
    ['2024/2025', 'у правила «test-confirm-a/form-annual» период — год (2024), а «2024/2025» — учебный год (2024/2025)'],
    ['2024-W36', 'у правила «test-confirm-a/form-annual» период — год (2024), а «2024-W36» — ISO-неделя (2024-W36)'],
    ['2026', 'период «2026» ещё не начался (начнётся 01.01.2026)'],
    ['2017', 'период «2017» закончился до вступления регламента в силу (01.03.2018)'],
  ])('rejects the period %p that the rule does not have', async (period, message) => {
    expect(await refusal({ period })).toBe(message);
  });

  it('rejects an unknown organisation, one of another region, one outside the rule scope, and an empty name', async () => {
    expect(await refusal({ organisation: 'c-nowhere' })).toBe('организация «c-nowhere» не найдена');
    expect(await refusal({ organisation: 'c-far' })).toBe('организация «c-far» из региона sakhalin, а регламент «test-confirm-a» — для региона yanao');
    expect(await refusal({ organisation: 'c-kindergarten' })).toBe('организация «c-kindergarten» (ДОО) не отвечает за правило «test-confirm-a/form-annual»: подтверждают ООО');
    expect(await refusal({ rule: 'quarterly-report', period: '2024-Q3', organisation: 'c-school' })).toBe('организация «c-school» (ООО) не отвечает за правило «test-confirm-a/quarterly-report»: подтверждают МОУО');
    expect(await refusal({ by: '  ' })).toMatch(/не указано, кто подтверждает/);
  });
});

describe('reglament confirm', () => {
  it('prints what was recorded, and exits 1 for a refused confirmation', async () => {
    // The command reads regulations/ (loadForApply); a rule that exists nowhere is refused the same way.
    const bad = await runCli(registerConfirmCommand, ['confirm', 'no-such-rule-at-all', '2024', 'c-school', '--by', 'Иванова А. П.'], db.url);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toBe('reglament confirm: правило «no-such-rule-at-all» не найдено в regulations/\n');
    const period = await runCli(registerConfirmCommand, ['confirm', 'no-such-rule-at-all', '2024-13', 'c-school', '--by', 'X'], db.url);
    expect(period.exitCode).toBe(1);

    // Any manual, yearly rule of regulations/ that schools of ЯНАО answer for will do.
    const manual = loadForApply().regulations.filter((r) => r.region === 'yanao').flatMap((r) => r.rules.map((rule) => ({ r, rule })))
      .find(({ rule }) => rule.check.name === 'manual' && rule.trigger.kind === 'annual' && rule.trigger.year === 'calendar'
        && rule.scope.organisationTypes.includes('ООО') && rule.deadlines.some((d) => d.role.scope === 'organisation'));
    if (!manual) return;
    const args = ['confirm', `${manual.r.id}/${manual.rule.id}`, '2024', 'c-school', '--by', 'Иванова А. П.', '--note', 'сдано'];
    const ok = await runCli(registerConfirmCommand, args, db.url);
    expect(ok).toMatchObject({ exitCode: 0, stderr: '' });
    expect(ok.stdout).toMatch(new RegExp(`^Подтверждено: правило ${manual.r.id}/${manual.rule.id}, период 2024, организация c-school — Иванова А. П., .*Запись добавлена в журнал аудита\\.\n$`));
    const again = await runCli(registerConfirmCommand, args, db.url);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/^Уже подтверждено ранее: .* Ничего не изменено\.\n$/);
  });
});
