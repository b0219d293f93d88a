import { describe, expect, test } from '@jest/globals';
import { loadCalendar } from '../../src/time/calendarFile.js';
import { dayInfo, isWorkingDay } from '../../src/time/workingDays.js';

const cal = loadCalendar();

type Row = [date: string, working: boolean, kind: string, reasonPart?: string];

/** The transfers people get wrong: decree transfers, working Saturdays, and the art. 112 shift rule. */
const TRICKY: Record<string, Row[]> = {
  '2018: three working Saturdays around long weekends': [
    ['2018-03-09', false, 'transfer', 'с 06.01.2018 (суббота)'],
    ['2018-04-28', true, 'working_weekend', 'рабочая суббота'],
    ['2018-04-30', false, 'transfer', 'с 28.04.2018'],
    ['2018-05-02', false, 'transfer', 'с 07.01.2018 (воскресенье)'],
    ['2018-06-09', true, 'working_weekend'],
    ['2018-06-11', false, 'transfer'],
    ['2018-11-05', false, 'transfer', 'ч. 2 ст. 112 ТК РФ'],
    ['2018-12-29', true, 'working_weekend'],
    ['2018-12-31', false, 'transfer', 'с 29.12.2018'],
  ],
  '2021: new-year days moved to November and 31 December': [
    ['2021-01-02', false, 'holiday', 'Новогодние каникулы'],
    ['2021-01-08', false, 'holiday'],
    ['2021-01-11', true, 'working'],
    ['2021-02-20', true, 'working_weekend'],
    ['2021-02-22', false, 'transfer', 'с 20.02.2021'],
    ['2021-05-03', false, 'transfer', 'ч. 2 ст. 112'],
    ['2021-05-10', false, 'transfer', 'ч. 2 ст. 112'],
    ['2021-06-14', false, 'transfer', 'ч. 2 ст. 112'],
    ['2021-11-05', false, 'transfer', 'с 02.01.2021 (суббота)'],
    ['2021-12-31', false, 'transfer', 'с 03.01.2021 (воскресенье)'],
  ],
  '2023: two Sundays moved, Saturday 4 November shifted by law': [
    ['2023-02-24', false, 'transfer', '№ 1505 от 29.08.2022'],
    ['2023-05-08', false, 'transfer', 'с 08.01.2023'],
    ['2023-11-04', false, 'holiday', 'День народного единства'],
    ['2023-11-06', false, 'transfer', 'ч. 2 ст. 112'],
    ['2023-11-03', true, 'shortened', 'ст. 95'],
  ],
  '2024: three working Saturdays, 29–30 April and 30–31 December off': [
    ['2024-04-27', true, 'working_weekend'],
    ['2024-04-29', false, 'transfer', 'с 27.04.2024'],
    ['2024-04-30', false, 'transfer', 'с 02.11.2024'],
    ['2024-05-10', false, 'transfer', 'с 06.01.2024'],
    ['2024-11-02', true, 'working_weekend'],
    ['2024-12-28', true, 'working_weekend'],
    ['2024-12-30', false, 'transfer', 'с 28.12.2024'],
    ['2024-12-31', false, 'transfer', 'с 07.01.2024'],
  ],
  '2025: the decree overrides the art. 112 shift of 23 February and 8 March': [
    ['2025-02-24', true, 'working'],
    ['2025-03-10', true, 'working'],
    ['2025-05-02', false, 'transfer', 'с 04.01.2025'],
    ['2025-05-08', false, 'transfer', 'с 23.02.2025 (воскресенье)'],
    ['2025-06-13', false, 'transfer', 'с 08.03.2025 (суббота)'],
    ['2025-11-01', true, 'working_weekend'],
    ['2025-11-03', false, 'transfer'],
    ['2025-12-31', false, 'transfer', 'с 05.01.2025'],
  ],
  '2026: twelve-day new-year break': [
    ['2026-01-09', false, 'transfer', 'с 03.01.2026'],
    ['2026-01-12', true, 'working'],
    ['2026-03-09', false, 'transfer', 'ч. 2 ст. 112'],
    ['2026-05-11', false, 'transfer', 'ч. 2 ст. 112'],
    ['2026-12-31', false, 'transfer', 'с 04.01.2026'],
  ],
  '2027': [
    ['2027-02-20', true, 'working_weekend'],
    ['2027-02-22', false, 'transfer'],
    ['2027-11-05', false, 'transfer', 'с 02.01.2027'],
    ['2027-12-31', false, 'transfer', 'с 03.01.2027'],
  ],
};

describe.each(Object.entries(TRICKY))('%s', (_name, rows) => {
  // Every row gets four cells: jest would take a missing fourth argument for a `done` callback.
  test.each(rows.map(([d, w, k, r]): [string, boolean, string, string] => [d, w, k, r ?? '']))('%s → working=%s, %s', (date, working, kind, reasonPart) => {
    const info = dayInfo(cal, date);
    expect(info.working).toBe(working);
    expect(isWorkingDay(cal, date)).toBe(working);
    expect(info.kind).toBe(kind);
    if (reasonPart) expect(info.reason).toContain(reasonPart);
    if (kind === 'transfer' && reasonPart && !reasonPart.includes('112')) expect(info.decree).toMatch(/^постановление Правительства РФ от \d{2}\.\d{2}\.\d{4} № \d+$/);
  });
});

test('shortened working Saturdays keep their working-weekend kind and are flagged shortened', () => {
  expect(dayInfo(cal, '2024-11-02')).toMatchObject({ kind: 'working_weekend', shortened: true, working: true });
  expect(dayInfo(cal, '2024-04-27').shortened).toBeUndefined();
  expect(dayInfo(cal, '2025-11-01')).toMatchObject({ kind: 'working_weekend', shortened: true });
});
