import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { registerConfirmCommand } from '../../../src/cli/confirmCommand.js';
import { ConfirmError } from '../../../src/data/confirm/confirmError.js';
import { confirmManual, type ConfirmRequest } from '../../../src/data/confirm/confirmManual.js';
import { calendarCatalog } from '../../../src/regulation/calendarCatalog.js';
import { loadRegulations, type LoadResult } from '../../../src/regulation/loadRegulations.js';
import { runCli } from '../../data/cliHarness.js';
import { freshDatabase, type TestDatabase } from '../../support/database.js';
import { FIXTURE } from '../../support/fixtures.js';
import { confirmAt, insertRegisterRegion, OPERATOR, registerEvent } from './support.js';

let db: TestDatabase;
let loaded: LoadResult;
const S = FIXTURE.school;
const NOW = new Date('2024-09-20T06:00:00Z');

beforeAll(async () => {
  db = await freshDatabase('register_confirm');
  loaded = loadRegulations([join(process.cwd(), 'test', 'checks', 'register', 'regulations')], { calendars: calendarCatalog() });
  await insertRegisterRegion(db.pool);
  await registerEvent(db.pool, { kind: 'card_change', reference: 'KC-1', date: '2024-09-02', enteredAt: '2024-09-02T06:00:00Z' });
  await registerEvent(db.pool, { kind: 'card_change', reference: 'KC-2', date: '2024-09-03', enteredAt: '2024-09-03T06:00:00Z' });
  await registerEvent(db.pool, { kind: 'card_change', reference: 'KC-3', date: '2024-09-03', enteredAt: '2024-09-03T06:00:00Z' });
  await registerEvent(db.pool, { kind: 'card_change', reference: 'KC-LATER', date: '2024-09-25', enteredAt: '2024-09-25T06:00:00Z' });
  await registerEvent(db.pool, { kind: 'licence', reference: 'LIC-1', date: '2024-09-02', enteredAt: '2024-09-02T06:00:00Z' });
  await confirmAt(db.pool, 'request-10d', 'LIC-1', '2024-09-05T06:00:00Z');
});
afterAll(async () => {
  await db?.close();
});

const confirm = (r: Partial<ConfirmRequest>) => confirmManual(db.pool, loaded, { rule: 'test-register/card-change-3wd', period: 'KC-1', organisation: S, by: 'Иванова Анна Петровна', ...r }, NOW);

async function refusal(r: Partial<ConfirmRequest>): Promise<string> {
  try {
    await confirm(r);
  } catch (err) {
    if (err instanceof ConfirmError) return err.message;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('confirm for a rule counted from an event: the period names the event', () => {
  it('by its register reference: the reference is recorded as the period, with an audit record', async () => {
    const r = await confirm({});
    expect(r.status).toBe('recorded');
    expect(r.confirmation).toMatchObject({ ruleId: 'card-change-3wd', periodId: 'KC-1', event: true, organisationId: S, confirmedAt: NOW.toISOString() });
    const audit = await db.pool.oneFirst(sql.type(z.object({ details: z.record(z.unknown()) }))`
      SELECT details FROM audit_events WHERE kind = 'manual_confirmation' AND rule_id = 'card-change-3wd'`);
    expect(audit).toMatchObject({ periodId: 'KC-1' });
    expect((await confirm({ by: 'Другой' })).status).toBe('existing');
  });

  it('by its date, when one event of the organisation falls on it (ДД.ММ.ГГГГ or ГГГГ-ММ-ДД)', async () => {
    expect((await confirm({ period: '02.09.2024' })).confirmation.periodId).toBe('KC-1');
    expect((await confirm({ period: '2024-09-02' })).status).toBe('existing');
  });

  it('refuses a date with several events, listing them', async () => {
    expect(await refusal({ period: '03.09.2024' })).toBe(
      `«03.09.2024» подходит к нескольким событиям организации «${S}» по правилу «test-register/card-change-3wd»: «KC-2» (03.09.2024), «KC-3» (03.09.2024); укажите номер события`);
  });

  it('refuses an unknown event, naming the latest known ones; an event entered later is not known yet', async () => {
    expect(await refusal({ period: 'KC-LATER' })).toBe(
      `событие «KC-LATER» не найдено среди событий «изменение сведений» в реестре событий организации «${S}» по правилу «test-register/card-change-3wd»; последние известные: «KC-2» (03.09.2024), «KC-3» (03.09.2024), «KC-1» (02.09.2024)`);
    expect(await refusal({ period: '2024-Q3' })).toContain('событие «2024-Q3» не найдено');
  });

  it('refuses an impossible date, an organisation without events, and an empty event', async () => {
    expect(await refusal({ period: '31.02.2024' })).toBe('дата события «31.02.2024» не существует');
    await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES ('org-school-2', ${FIXTURE.region}, ${FIXTURE.municipality}, 'ООО', 'Школа № 2')`);
    expect(await refusal({ organisation: 'org-school-2' })).toBe(
      'событие «KC-1» не найдено среди событий «изменение сведений» в реестре событий организации «org-school-2» по правилу «test-register/card-change-3wd»; у организации нет ни одного из событий «изменение сведений» в реестре событий');
    expect(await refusal({ period: '  ' })).toBe('правило «test-register/card-change-3wd» отсчитывается от события: укажите вместо периода номер события из реестра или его дату (ДД.ММ.ГГГГ)');
  });

  it('in a chain the operator names a school\'s event as «school:reference», or by the reference alone', async () => {
    const full = await confirm({ rule: 'register-5d', period: `${S}:LIC-1`, organisation: OPERATOR });
    expect(full.confirmation).toMatchObject({ periodId: `${S}:LIC-1`, organisationId: OPERATOR });
    const short = await confirm({ rule: 'register-5d', period: 'LIC-1', organisation: OPERATOR });
    expect(short).toMatchObject({ status: 'existing', confirmation: { periodId: `${S}:LIC-1` } });
    // The next step is not fulfilled for another event, so it cannot be confirmed for it.
    expect(await refusal({ rule: 'register-5d', period: 'LIC-9', organisation: OPERATOR })).toBe(
      `событие «LIC-9» не найдено среди исполнений правила «request-10d» (подтверждений или закрытых случаев) организации «${OPERATOR}» по правилу «test-register/register-5d»; последние известные: «${S}:LIC-1» (05.09.2024)`);
  });

  it('the CLI says «событие» and refuses an unknown event with exit code 1', async () => {
    // The CLI reads the project's regulations: a ЯНАО manual rule after a card change.
    await registerEvent(db.pool, { kind: 'card_change', reference: 'CLI-1', date: '2024-09-02', enteredAt: '2024-09-02T06:00:00Z' });
    const ok = await runCli(registerConfirmCommand, ['confirm', 'yanao-2018-216/card-changes-3d', 'CLI-1', S, '--by', 'Иванова А. П.'], db.url);
    expect(ok).toMatchObject({ exitCode: 0, stderr: '' });
    expect(ok.stdout).toContain(`правило yanao-2018-216/card-changes-3d, событие CLI-1, организация ${S}`);
    const bad = await runCli(registerConfirmCommand, ['confirm', 'yanao-2018-216/card-changes-3d', 'CLI-404', S, '--by', 'Иванова А. П.'], db.url);
    expect(bad.exitCode).toBe(1);
    expect(bad.stderr).toContain('reglament confirm: событие «CLI-404» не найдено среди событий «изменение сведений» в реестре событий');
  });
});
