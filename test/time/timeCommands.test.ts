import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { Command } from 'commander';
import { registerTimeCommands } from '../../src/cli/timeCommands.js';

/** Runs the CLI in-process and captures what it prints and the exit code it sets. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  process.exitCode = undefined;
  try {
    const program = new Command('reglament').exitOverride();
    registerTimeCommands(program);
    await program.parseAsync(['node', 'reglament', ...args]);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { out, err, code };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('calendar', () => {
  test('--year 2024 --json prints the exact summary', async () => {
    const { out, code } = await run('calendar', '--year', '2024', '--json');
    expect(code).toBe(0);
    expect(out).toBe(
      JSON.stringify({
        year: 2024,
        working_days: 248,
        per_month: [17, 20, 20, 21, 20, 19, 23, 22, 21, 23, 21, 21],
        non_working_weekdays: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-02-23', '2024-03-08', '2024-04-29', '2024-04-30', '2024-05-01', '2024-05-09', '2024-05-10', '2024-06-12', '2024-11-04', '2024-12-30', '2024-12-31'],
        working_weekends: ['2024-04-27', '2024-11-02', '2024-12-28'],
        shortened: ['2024-02-22', '2024-03-07', '2024-05-08', '2024-06-11', '2024-11-02'],
      }) + '\n',
    );
  });

  test('a readable Russian table without --json', async () => {
    const { out } = await run('calendar', '--year', '2025');
    expect(out).toContain('2025 год (пятидневная рабочая неделя)');
    expect(out).toContain('постановление Правительства РФ от 04.10.2024 № 1335');
    expect(out).toMatch(/май\s+18\s+нерабочие: 01, 02, 08, 09/);
    expect(out).toMatch(/Итого\s+247/);
  });

  test('--week six_day and --region', async () => {
    const six = JSON.parse((await run('calendar', '--year', '2026', '--week', 'six_day', '--json')).out);
    expect(six.non_working_weekdays).not.toContain('2026-01-09');
    expect(six.working_weekends).toEqual([]);
    const ta = JSON.parse((await run('calendar', '--year', '2025', '--region', 'ru-ta', '--json')).out);
    expect(ta.working_days).toBe(245);
    expect(ta.non_working_weekdays).toEqual(expect.arrayContaining(['2025-06-06', '2025-11-06']));
  });

  test('a year without data warns and is marked provisional', async () => {
    const { out, err, code } = await run('calendar', '--year', '2031', '--json');
    expect(code).toBe(0);
    expect(err).toMatch(/календаря на 2031 год нет/);
    expect(JSON.parse(out).provisional).toBe(true);
  });

  test.each([[['calendar', '--json']], [['calendar', '--year', 'abc']], [['calendar', '--year', '2024', '--week', 'four_day']], [['calendar', '--year', '2024', '--region', 'ru-zz']]])(
    '%j → exit 2',
    async (args) => {
      const { err, code, out } = await run(...args);
      expect(code).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/^Ошибка: /);
      expect(err).not.toMatch(/\n\s+at /);
    },
  );
});

describe('due', () => {
  test('the acceptance example as JSON', async () => {
    const { out, code } = await run('due', '--event', '2024-04-26T15:00', '--term', '3 working days', '--tz', 'Asia/Yekaterinburg', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['due', 'last_day', 'explain']);
    expect(json.due).toBe('2024-05-04T00:00:00.000+05:00');
    expect(json.last_day).toBe('2024-05-03');
    expect(json.explain.length).toBeGreaterThan(5);
  });

  test('a readable Russian explanation', async () => {
    const { out } = await run('due', '--event', '2024-04-26T15:00', '--term', '3 рабочих дня', '--tz', 'Asia/Yekaterinburg');
    expect(out).toContain('+ 27.04.2024 (суббота) — рабочий день (рабочая суббота');
    expect(out).toContain('Последний день срока: 03.05.2024 (пятница)');
    expect(out).toContain('Срок истекает: 2024-05-04T00:00:00.000+05:00 (2024-05-03T19:00:00.000Z)');
  });

  test('--no-move keeps a non-working last day', async () => {
    const json = JSON.parse((await run('due', '--event', '2024-04-26', '--term', '2 days', '--tz', 'Asia/Barnaul', '--no-move', '--json')).out);
    expect(json.last_day).toBe('2024-04-28');
  });

  test.each([
    [['due', '--event', '2024-04-26T15:00', '--term', '3 рабочих дней', '--tz', 'Asia/Yekaterinburg'], /правильно «3 рабочих дня»/],
    [['due', '--event', '2024-04-26T15:00', '--term', '3 days', '--tz', 'Asia/Nowhere'], /часовой пояс «Asia\/Nowhere»/],
    [['due', '--event', '2024-13-01', '--term', '3 days', '--tz', 'Asia/Sakhalin'], /Некорректная дата события/],
    [['due', '--term', '3 days', '--tz', 'Asia/Sakhalin'], /--event/],
  ])('%j → exit 2', async (args, message) => {
    const { err, code, out } = await run(...args);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
