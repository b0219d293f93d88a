import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { idleRules } from '../plan/idleRules.js';
import type { Occurrence } from '../plan/occurrence.js';
import { planRegulation, sortOccurrences, type PlanRange } from '../plan/planRegulation.js';
import { renderPlanIcs } from '../plan/renderPlanIcs.js';
import { renderPlanTable } from '../plan/renderPlanTable.js';
import { REGIONS } from '../regions.js';
import { calendarCatalog } from '../regulation/calendarCatalog.js';
import { loadRegulations } from '../regulation/loadRegulations.js';
import { formatProblem } from '../regulation/problem.js';
import type { CalendarData } from '../time/calendarData.js';
import { CalendarFileError, loadCalendar } from '../time/calendarFile.js';
import { addDays, daysBetween, isIsoDate } from '../time/isoDate.js';

/** Exit code when a regulation or calendar file has errors: nothing is planned from a broken set. */
const EXIT_INVALID_FILES = 1;
/** Exit code for bad arguments (dates, format, unknown ids), as in the other commands. */
const EXIT_BAD_ARGS = 2;
/** Longest range accepted: daily rules over decades would only bury the operator. */
const MAX_RANGE_DAYS = 3660;
const FORMATS = ['table', 'json', 'ics'] as const;

interface PlanOptions {
  from?: string;
  to?: string;
  regulation?: string;
  region?: string;
  format: string;
}

/** Where the command writes and what "today" is: the edges of an otherwise pure command. */
interface PlanIo {
  out(text: string): void;
  err(text: string): void;
  today(): string;
  now(): Date;
}

class BadArguments extends Error {}

/**
 * Registers `reglament plan [paths…] --from YYYY-MM-DD --to YYYY-MM-DD [--regulation ID] [--region ID]
 * [--format table|json|ics]`: loads the regulation files (default `regulations/`), refuses with exit
 * code 1 when any has errors, plans every regulation on its own production calendar, and prints a
 * Russian table sorted by deadline, a JSON array of `Occurrence` (fields documented in
 * `src/plan/occurrence.ts`), or an RFC 5545 calendar. Without dates, the current academic year
 * (1 September – 31 August) is planned; with one of them, a year from or to it. Bad arguments are
 * reported on stderr in Russian with exit code 2.
 */
export function registerPlanCommand(program: Command): void {
  const io: PlanIo = {
    out: (text) => {
      quietOnClosedPipe();
      process.stdout.write(text);
    },
    err: (text) => process.stderr.write(text),
    today: () => DateTime.now().toISODate()!,
    now: () => new Date(),
  };
  program
    .command('plan')
    .description('План сроков регламентов за период: окна, напоминания, сроки по уровням ответственности, эскалация')
    .argument('[paths...]', 'файлы или папки регламентов (по умолчанию regulations/)')
    .option('--from <date>', 'первый день периода, ГГГГ-ММ-ДД (по умолчанию — 1 сентября текущего учебного года)')
    .option('--to <date>', 'последний день периода включительно, ГГГГ-ММ-ДД (по умолчанию — год от --from)')
    .option('--regulation <id>', 'только этот регламент, например yanao-2018-216')
    .option('--region <id>', `только регламенты региона: ${Object.keys(REGIONS).join(', ')}`)
    .option('--format <format>', 'table (таблица), json или ics (календарь RFC 5545)', 'table')
    .configureOutput({ outputError: (text, write) => write(translateCommanderError(text)) })
    // Commander exits with 1 on a parse error; for this command 1 means "the files have errors".
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_BAD_ARGS))
    .action((paths: string[], opts: PlanOptions) => {
      const code = runPlan(paths, opts, io);
      if (code !== 0) process.exit(code);
    });
}

function runPlan(paths: string[], opts: PlanOptions, io: PlanIo): number {
  let range: PlanRange;
  try {
    if (!(FORMATS as readonly string[]).includes(opts.format)) throw new BadArguments(`неизвестный формат «${opts.format}»: допустимы ${FORMATS.join(', ')}`);
    if (opts.region !== undefined && !REGIONS[opts.region]) throw new BadArguments(`неизвестный регион «${opts.region}»: известны ${Object.keys(REGIONS).join(', ')}`);
    range = rangeOf(opts, io.today());
  } catch (error) {
    if (!(error instanceof BadArguments)) throw error;
    io.err(`Ошибка: ${error.message}\n`);
    return EXIT_BAD_ARGS;
  }

  let loaded;
  try {
    loaded = loadRegulations(paths.length ? paths : [join(projectRoot(), 'regulations')], { calendars: calendarCatalog() });
  } catch (error) {
    if (error instanceof CalendarFileError) return calendarBroken(error, io);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') {
      io.err(`Ошибка: не удаётся прочитать «${(error as NodeJS.ErrnoException).path ?? paths.join(' ')}»: ${code === 'ENOENT' ? 'нет такого файла или папки' : 'нет доступа'}\n`);
      return EXIT_BAD_ARGS;
    }
    throw error;
  }
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (errors.length) {
    for (const p of errors) io.err(formatProblem(p) + '\n');
    io.err(`План не построен: в файлах регламентов ${errors.length} ${plural(errors.length, 'ошибка', 'ошибки', 'ошибок')}. Исправьте их (проверка: reglament validate) и повторите.\n`);
    return EXIT_INVALID_FILES;
  }

  let regulations = loaded.regulations;
  if (opts.regulation !== undefined) {
    regulations = regulations.filter((r) => r.id === opts.regulation);
    if (!regulations.length) {
      io.err(`Ошибка: нет регламента «${opts.regulation}»; загружены: ${loaded.regulations.map((r) => r.id).join(', ') || 'ни одного'}\n`);
      return EXIT_BAD_ARGS;
    }
  }
  if (opts.region !== undefined) regulations = regulations.filter((r) => r.region === opts.region);

  const calendars = new Map<string, CalendarData>();
  let occurrences: Occurrence[] = [];
  try {
    for (const regulation of regulations) {
      let calendar = calendars.get(regulation.calendar);
      if (!calendar) calendars.set(regulation.calendar, (calendar = loadCalendar({ id: regulation.calendar })));
      occurrences.push(...planRegulation(regulation, calendar, range));
    }
  } catch (error) {
    if (error instanceof CalendarFileError) return calendarBroken(error, io);
    throw error;
  }
  occurrences = sortOccurrences(occurrences);

  if (opts.format === 'json') io.out(JSON.stringify(occurrences, null, 2) + '\n');
  else if (opts.format === 'ics') io.out(renderPlanIcs(occurrences, { stamp: io.now() }));
  else io.out(renderPlanTable(occurrences, range, idleRules(regulations, occurrences, range)));
  if (occurrences.some((o) => o.provisional)) {
    io.err('Внимание: часть сроков предварительная — на эти годы нет утверждённого производственного календаря.\n');
  }
  return 0;
}

let pipeGuarded = false;

/** `reglament plan | head` closes stdout early; that is the reader's choice, not an error worth a stack trace. */
function quietOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

function rangeOf(opts: PlanOptions, today: string): PlanRange {
  for (const [name, value] of [['--from', opts.from], ['--to', opts.to]] as const) {
    if (value !== undefined && !isIsoDate(value)) throw new BadArguments(`${name}: некорректная дата «${value}», ожидается ГГГГ-ММ-ДД, например 2024-09-01`);
  }
  let { from, to } = opts;
  if (from === undefined && to === undefined) {
    const first = today.slice(5) >= '09-01' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
    from = `${first}-09-01`;
  }
  if (from === undefined) from = addDays(shiftYear(to!, -1), 1);
  if (to === undefined) to = addDays(shiftYear(from, 1), -1);
  if (to < from) throw new BadArguments(`конец периода (--to ${to}) раньше его начала (--from ${from})`);
  if (daysBetween(from, to) >= MAX_RANGE_DAYS) throw new BadArguments(`период длиннее 10 лет: сократите его (--from ${from} --to ${to})`);
  return { from, to };
}

/** The same day a year later or earlier; 29 February becomes 28 February. */
function shiftYear(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const shifted = `${y}${date.slice(4)}`;
  return isIsoDate(shifted) ? shifted : `${y}-02-28`;
}

function calendarBroken(error: CalendarFileError, io: PlanIo): number {
  io.err(`${error.message}\nПлан не построен: ошибка в файле производственного календаря.\n`);
  return EXIT_INVALID_FILES;
}

function plural(n: number, one: string, few: string, many: string): string {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

/** Commander's own parse errors are English; operators read Russian. */
function translateCommanderError(text: string): string {
  let m: RegExpExecArray | null;
  const hint = /\(Did you mean (.+)\?\)/.exec(text);
  const suffix = hint ? ` (возможно, имелось в виду ${hint[1]})` : '';
  if ((m = /unknown option '([^']+)'/.exec(text))) return `Ошибка: неизвестный параметр «${m[1]}»${suffix}. Справка: reglament plan --help\n`;
  if ((m = /option '([^']+)' argument missing/.exec(text))) return `Ошибка: у параметра ${m[1]} не указано значение\n`;
  if (/too many arguments/.test(text)) return 'Ошибка: лишние аргументы. Справка: reglament plan --help\n';
  return text.replace(/^error: /, 'Ошибка: ');
}
