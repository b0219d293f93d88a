/**
 * Pins what an operator actually reads: the rendered `path:line:col: CODE message (подсказка: …)`
 * lines in Russian and English, and the JSON that `reglament validate --format json` prints for CI,
 * with its exit codes. A change of wording shows up here as a deliberate diff.
 */
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem, sortProblems } from '../../src/regulation/problem.js';
import { MESSAGE_FIXTURES, ROOT, load } from './support.js';

const SEMANTIC = join(MESSAGE_FIXTURES, 'semantic-mistakes.bad.yaml');
const F = 'test/fixtures/messages/semantic-mistakes.bad.yaml';
const S = 'test/fixtures/messages/schema-mistakes.bad.yaml';

describe('rendered problems of a multi-error file', () => {
  test('in Russian', () => {
    expect(load([SEMANTIC]).problems.map((p) => formatProblem(p, 'ru'))).toEqual([
      `${F}:7:3: NO_SOURCE_DATE предупреждение: у источника не указана дата: ссылка на документ будет неполной`,
      `${F}:11:11: TIMEZONE_MISMATCH предупреждение: часовой пояс Asia/Vladivostok не совпадает с поясом региона (Asia/Sakhalin)`,
      `${F}:28:13: UNKNOWN_ROLE роль «moo» не объявлена в разделе roles (подсказка: возможно, «mo»)`,
      `${F}:29:16: BAD_TERM не удаётся разобрать срок «2 рабочих дней» (подсказка: пишите число и единицу: «3 рабочих дня», «10 дней», «1 час», «10 рабочих дней до»)`,
      `${F}:43:13: TERM_DIRECTION срок «до события» возможен только в правиле before_event`,
      `${F}:45:13: UNKNOWN_CHECK нет проверки «manul» в каталоге (подсказка: возможно, «manual»)`,
      `${F}:57:13: DATE_FORM в ежегодном правиле дата пишется без года (ММ-ДД) (подсказка: например, «09-05»)`,
    ]);
  });

  test('in English', () => {
    expect(load([SEMANTIC], { lang: 'en' }).problems.map((p) => formatProblem(p, 'en'))).toEqual([
      `${F}:7:3: NO_SOURCE_DATE warning: the source has no date: citations will be incomplete`,
      `${F}:11:11: TIMEZONE_MISMATCH warning: time zone Asia/Vladivostok differs from the region's (Asia/Sakhalin)`,
      `${F}:28:13: UNKNOWN_ROLE role "moo" is not declared under roles (hint: did you mean "mo"?)`,
      `${F}:29:16: BAD_TERM cannot parse the term "2 рабочих дней" (hint: write a number and a unit: "3 working days", "10 days", "1 hour", "10 working days before")`,
      `${F}:43:13: TERM_DIRECTION a "before" term is only possible in a before_event rule`,
      `${F}:45:13: UNKNOWN_CHECK no check "manul" in the catalog (hint: did you mean "manual"?)`,
      `${F}:57:13: DATE_FORM an annual rule takes dates without a year (MM-DD) (hint: e.g. "09-05")`,
    ]);
  });

  test('problems come sorted by file, line and column', () => {
    const { problems } = load([MESSAGE_FIXTURES]);
    expect(problems.length).toBeGreaterThan(5);
    expect(problems).toEqual(sortProblems([...problems].reverse()));
  });
});

/** Runs the compiled CLI the way CI does; `npm test` builds dist/ first. */
function validate(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'reglament.js'), 'validate', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('reglament validate --format json', () => {
  const built = existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'));

  test('the compiled CLI exists (run `npx tsc -p tsconfig.json` first)', () => {
    expect(built).toBe(true);
  });

  test('errors only, hints folded into the message, exit code 1', () => {
    const r = validate('test/fixtures/messages', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    // `rules` counts the rules of files that passed the JSON Schema.
    expect(JSON.parse(r.stdout)).toEqual({
      files: 2,
      rules: 2,
      errors: [
        { file: S, line: 19, column: 12, code: 'ENUM', message: 'roles.head.scope: должно быть равно одному из разрешенных значений (подсказка: возможно, имелось в виду «organisation»)' },
        { file: S, line: 30, column: 7, code: 'MISSING_KEY', message: 'rules.0.citation: нет обязательного ключа «text»' },
        { file: S, line: 37, column: 27, code: 'TYPE', message: 'rules.0.due.day_of_next_period: должно быть целым числом' },
        { file: S, line: 40, column: 5, code: 'UNKNOWN_KEY', message: 'неизвестный ключ «reminder» (подсказка: возможно, имелся в виду «reminders»)' },
        { file: F, line: 28, column: 13, code: 'UNKNOWN_ROLE', message: 'роль «moo» не объявлена в разделе roles (подсказка: возможно, «mo»)' },
        { file: F, line: 29, column: 16, code: 'BAD_TERM', message: 'не удаётся разобрать срок «2 рабочих дней» (подсказка: пишите число и единицу: «3 рабочих дня», «10 дней», «1 час», «10 рабочих дней до»)' },
        { file: F, line: 43, column: 13, code: 'TERM_DIRECTION', message: 'срок «до события» возможен только в правиле before_event' },
        { file: F, line: 45, column: 13, code: 'UNKNOWN_CHECK', message: 'нет проверки «manul» в каталоге (подсказка: возможно, «manual»)' },
        { file: F, line: 57, column: 13, code: 'DATE_FORM', message: 'в ежегодном правиле дата пишется без года (ММ-ДД) (подсказка: например, «09-05»)' },
      ],
    });
    // One line of JSON with exactly these keys, in this order: CI scripts read it as text too.
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(Object.keys(JSON.parse(r.stdout))).toEqual(['files', 'rules', 'errors']);
    expect(Object.keys(JSON.parse(r.stdout).errors[0])).toEqual(['file', 'line', 'column', 'code', 'message']);
  });

  test('--lang en', () => {
    const r = validate(S, '--format', 'json', '--lang', 'en');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).errors[3]).toEqual({ file: S, line: 40, column: 5, code: 'UNKNOWN_KEY', message: 'unknown key "reminder" (hint: did you mean "reminders"?)' });
  });

  test('a valid set: no errors, exit code 0', () => {
    const r = validate('test/fixtures/regulations/good', '--format', 'json');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"files":2,"rules":18,"errors":[]}\n');
  });

  test('text format: warnings shown, summary line, exit code follows errors only', () => {
    const bad = validate(SEMANTIC);
    expect(bad.code).toBe(1);
    expect(bad.stdout.trim().split('\n').at(-1)).toBe('Файлов: 1, правил: 2, ошибок: 5, предупреждений: 2');
    const warned = validate('test/fixtures/regulations/document/timezone-mismatch.bad.yaml', '--lang', 'en');
    expect(warned.code).toBe(0);
    expect(warned.stdout).toBe(
      'test/fixtures/regulations/document/timezone-mismatch.bad.yaml:11:11: TIMEZONE_MISMATCH warning: time zone Europe/Moscow differs from the region\'s (Asia/Yekaterinburg)\n' +
        'Files: 1, rules: 1, errors: 0, warnings: 1\n',
    );
  });
});
