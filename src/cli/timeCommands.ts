import type { Command } from 'commander';
import { DateTime } from 'luxon';
import type { CalendarData } from '../time/calendarData.js';
import { loadCalendar } from '../time/calendarFile.js';
import { daysInMonth, formatRu, isoDate, isoWeekday, weekdayRu } from '../time/isoDate.js';
import { computeDue, parseTerm, type ExplainStep } from '../time/term.js';
import { dayInfo, hasYear } from '../time/workingDays.js';

/** Exit code for bad input (term, zone, date, options), as opposed to 1 for "the check failed". */
const EXIT_BAD_INPUT = 2;

const MONTHS_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];

interface CalendarOptions {
  year?: string;
  json?: boolean;
  week?: string;
  region?: string;
  calendar?: string;
}

interface DueOptions {
  event?: string;
  term?: string;
  tz?: string;
  json?: boolean;
  move?: boolean;
  inclusive?: boolean;
  week?: string;
  region?: string;
  calendar?: string;
}

/** A year of the calendar summarised the way `calendar --json` prints it. */
export interface CalendarYearSummary {
  year: number;
  working_days: number;
  per_month: number[];
  /** Days off falling on the week's regular working days (Mon–Fri for a five-day week), sorted. */
  non_working_weekdays: string[];
  /** Working days falling on the week's regular days off (Sat/Sun for a five-day week), sorted. */
  working_weekends: string[];
  shortened: string[];
  /** Present (true) only when the year has no data or only provisional data. */
  provisional?: true;
}

/**
 * Registers `calendar` (a year of the production calendar) and `due` (a deadline with explanation).
 * Both print Russian text, or JSON with `--json`; bad input goes to stderr with exit code 2.
 */
export function registerTimeCommands(program: Command): void {
  program
    .command('calendar')
    .description('Показать производственный календарь за год: рабочие дни по месяцам, переносы, сокращённые дни')
    .option('--year <year>', 'год, например 2024')
    .option('--json', 'вывести JSON')
    .option('--week <week>', 'five_day (пятидневка) или six_day (шестидневка)', 'five_day')
    .option('--region <id>', 'региональные дополнения из calendars/regional/<id>.yaml, например ru-ta')
    .option('--calendar <id>', 'федеральный календарь из calendars/<id>.yaml', 'ru-federal')
    .action((opts: CalendarOptions) => guarded(() => calendarAction(opts)));

  program
    .command('due')
    .description('Рассчитать окончание срока по ГК РФ (ст. 190–194) с пояснением')
    .option('--event <datetime>', 'момент события: 2024-04-26T15:00 или 2024-04-26 (местное время)')
    .option('--term <term>', 'срок: «3 рабочих дня», «10 календарных дней», «2 часа», «3 working days», «10 working days before»')
    .option('--tz <zone>', 'часовой пояс региона (IANA), например Asia/Yekaterinburg')
    .option('--json', 'вывести JSON')
    .option('--no-move', 'не переносить нерабочий последний день на рабочий (ст. 193 ГК РФ)')
    .option('--inclusive', 'считать день события первым днём срока')
    .option('--week <week>', 'five_day или six_day', 'five_day')
    .option('--region <id>', 'региональные дополнения, например ru-ta')
    .option('--calendar <id>', 'федеральный календарь', 'ru-federal')
    .action((opts: DueOptions) => guarded(() => dueAction(opts)));
}

/**
 * Summarises one year of a calendar for `calendar --json`. Pure; days of a year absent from the data
 * follow the regular week and the summary is marked provisional.
 */
export function summariseYear(cal: CalendarData, year: number): CalendarYearSummary {
  const perMonth: number[] = [];
  const nonWorkingWeekdays: string[] = [];
  const workingWeekends: string[] = [];
  const shortened: string[] = [];
  for (let m = 1; m <= 12; m++) {
    let count = 0;
    for (let d = 1; d <= daysInMonth(year, m); d++) {
      const date = isoDate(year, m, d);
      const info = dayInfo(cal, date);
      const regularDayOff = cal.weekendDays.includes(isoWeekday(date));
      if (info.working) count++;
      if (!info.working && !regularDayOff) nonWorkingWeekdays.push(date);
      if (info.working && regularDayOff) workingWeekends.push(date);
      if (info.working && info.shortened) shortened.push(date);
    }
    perMonth.push(count);
  }
  const provisional = !hasYear(cal, year) || cal.years[String(year)]!.status === 'provisional';
  return {
    year,
    working_days: perMonth.reduce((a, b) => a + b, 0),
    per_month: perMonth,
    non_working_weekdays: nonWorkingWeekdays,
    working_weekends: workingWeekends,
    shortened,
    ...(provisional ? { provisional: true as const } : {}),
  };
}

function calendarAction(opts: CalendarOptions): void {
  const year = Number(opts.year);
  if (!opts.year || !Number.isInteger(year) || year < 1900 || year > 2199) throw new BadInput(`Укажите год: --year 2024 (получено «${opts.year ?? ''}»)`);
  const cal = loadCalendar({ id: opts.calendar ?? 'ru-federal', week: parseWeek(opts.week), ...(opts.region ? { region: opts.region } : {}) });
  const summary = summariseYear(cal, year);
  if (summary.provisional) {
    process.stderr.write(
      hasYear(cal, year)
        ? `Внимание: календарь на ${year} год предварительный (постановление о переносе выходных не учтено).\n`
        : `Внимание: производственного календаря на ${year} год нет в данных — показаны только еженедельные выходные.\n`,
    );
  }
  if (opts.json) {
    process.stdout.write(JSON.stringify(summary) + '\n');
    return;
  }
  const yearData = cal.years[String(year)];
  const lines: string[] = [];
  lines.push(`${cal.title}, ${year} год (${cal.week === 'six_day' ? 'шестидневная' : 'пятидневная'} рабочая неделя)`);
  if (yearData?.decree) lines.push(`Основание: ${yearData.decree}`);
  if (yearData?.note) lines.push(`Примечание: ${yearData.note}`);
  lines.push('');
  lines.push(`${'Месяц'.padEnd(10)} ${'Рабочих дней'.padStart(12)}  Нерабочие будни / рабочие выходные / сокращённые`);
  for (let m = 1; m <= 12; m++) {
    const inMonth = (list: string[]) => list.filter((d) => Number(d.slice(5, 7)) === m).map((d) => d.slice(8));
    const notes = [
      inMonth(summary.non_working_weekdays).length ? `нерабочие: ${inMonth(summary.non_working_weekdays).join(', ')}` : '',
      inMonth(summary.working_weekends).length ? `рабочие выходные: ${inMonth(summary.working_weekends).join(', ')}` : '',
      inMonth(summary.shortened).length ? `сокращённые: ${inMonth(summary.shortened).join(', ')}` : '',
    ].filter(Boolean);
    lines.push(`${MONTHS_RU[m - 1]!.padEnd(10)} ${String(summary.per_month[m - 1]).padStart(12)}  ${notes.join('; ')}`);
  }
  lines.push(`${'Итого'.padEnd(10)} ${String(summary.working_days).padStart(12)}`);
  if (yearData) {
    const explained = Object.entries(yearData.days)
      .filter(([, d]) => d.kind === 'transfer' || d.kind === 'working_weekend')
      .sort(([a], [b]) => a.localeCompare(b));
    if (explained.length) {
      lines.push('', 'Переносы:');
      for (const [date, d] of explained) lines.push(`  ${formatRu(date)} (${weekdayRu(date, true)}): ${d.reason}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}

function dueAction(opts: DueOptions): void {
  if (!opts.event) throw new BadInput('Укажите момент события: --event 2024-04-26T15:00');
  if (!opts.term) throw new BadInput('Укажите срок: --term "3 рабочих дня"');
  if (!opts.tz) throw new BadInput('Укажите часовой пояс региона: --tz Asia/Yekaterinburg');
  const term = parseTerm(opts.term);
  const cal = loadCalendar({ id: opts.calendar ?? 'ru-federal', week: parseWeek(opts.week), ...(opts.region ? { region: opts.region } : {}) });
  const result = computeDue({ event: opts.event, zone: opts.tz, term, calendar: cal, moveToWorkingDay: opts.move ?? true, inclusive: opts.inclusive ?? false });
  if (opts.json) {
    process.stdout.write(
      JSON.stringify({ due: result.due, last_day: result.lastDay, explain: result.explain, ...(result.provisional ? { provisional: true } : {}) }) + '\n',
    );
    return;
  }
  const lines = result.explain.map((s) => `${marker(s)} ${s.text}`);
  const due = DateTime.fromISO(result.due, { setZone: true });
  lines.push('');
  lines.push(`Последний день срока: ${formatRu(result.lastDay)} (${weekdayRu(result.lastDay)})`);
  lines.push(`Срок истекает: ${result.due} (${due.toUTC().toISO()})`);
  if (result.provisional) lines.push('Внимание: расчёт предварительный — для части дат нет утверждённого календаря.');
  process.stdout.write(lines.join('\n') + '\n');
}

function marker(step: ExplainStep): string {
  switch (step.kind) {
    case 'count':
      return '  +';
    case 'skip':
      return '  –';
    case 'move':
      return '  →';
    case 'warning':
      return '  !';
    default:
      return '  •';
  }
}

function parseWeek(week: string | undefined): 'five_day' | 'six_day' {
  if (week === undefined || week === 'five_day') return 'five_day';
  if (week === 'six_day') return 'six_day';
  throw new BadInput(`Неизвестный режим недели «${week}»: допустимы five_day и six_day`);
}

class BadInput extends Error {}

/** Runs a command body; any error becomes a one-line message on stderr and exit code 2, never a stack. */
function guarded(body: () => void): void {
  try {
    body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Ошибка: ${message}\n`);
    process.exitCode = EXIT_BAD_INPUT;
  }
}
