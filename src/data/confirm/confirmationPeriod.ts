import type { CompiledRule } from '../../regulation/model.js';
import { isIsoDate } from '../../time/isoDate.js';
import { periodById, PeriodError } from '../../time/periods.js';
import { ConfirmError } from './confirmError.js';

/** A period a confirmation is for. */
export interface ConfirmationPeriod {
  /** `day`, `iso_week`, `month`, `quarter`, `academic_quarter`, `semester`, `academic_year`, `year`. */
  kind: string;
  id: string;
  start: string;
  end: string;
}

const KIND_RU: Record<string, string> = {
  day: 'день (2024-09-05)', iso_week: 'ISO-неделя (2024-W36)', month: 'месяц (2024-09)', quarter: 'квартал (2024-Q3)',
  academic_quarter: 'учебная четверть (2024/2025-Q1)', semester: 'полугодие (2024/2025-S1)', academic_year: 'учебный год (2024/2025)', year: 'год (2024)',
};

/**
 * Parses a period id as the planner writes it: `2024-09-05`, `2024-W36`, `2024-09`, `2024-Q3`,
 * `2024/2025-Q1`, `2024/2025-S1`, `2024/2025`, `2024`. Throws `ConfirmError` for a malformed or
 * impossible id (month 13, week 54, 30 February, 2024/2026).
 */
export function parsePeriodId(id: string): ConfirmationPeriod {
  if (/^\d{4}$/.test(id)) return { kind: 'year', id, start: `${id}-01-01`, end: `${id}-12-31` };
  if (/^\d{4}-\d{2}-\d{2}$/.test(id)) {
    if (!isIsoDate(id)) throw new ConfirmError(`периода «${id}» не бывает: такой даты нет в календаре`);
    return { kind: 'day', id, start: id, end: id };
  }
  try {
    const p = periodById(id);
    return { kind: p.kind === 'academic_semester' ? 'semester' : p.kind, id: p.id, start: p.start, end: p.end };
  } catch (err) {
    if (err instanceof PeriodError && err.message.startsWith('Неизвестный идентификатор')) {
      throw new ConfirmError(`некорректный период «${id}»: ожидается 2024-09-05 (день), 2024-W36, 2024-09, 2024-Q3, 2024/2025-Q1, 2024/2025-S1, 2024/2025 или 2024`);
    }
    if (err instanceof PeriodError) throw new ConfirmError(`некорректный период «${id}»: ${err.message.replace(/^./, (c) => c.toLowerCase())}`);
    throw err;
  }
}

/** The period kind whose occurrences a rule has, or null for event-relative rules (their confirmations name an event, see `confirmationEvent.ts`). */
export function periodKindOf(rule: CompiledRule): string | null {
  const t = rule.trigger;
  switch (t.kind) {
    case 'recurring':
      return t.period;
    case 'annual':
      return t.year === 'academic' ? 'academic_year' : 'year';
    case 'once':
    case 'campaign':
      return 'year';
    default:
      return null;
  }
}

/**
 * Checks that `period` is one the rule has and, unless `today` is null, that it has begun by then:
 * a confirmation for another kind of period, or for the future, would never be read (a waiver may
 * be given ahead). Throws `ConfirmError`.
 */
export function checkPeriodFits(rule: CompiledRule, ruleRef: string, period: ConfirmationPeriod, today: string | null, effectiveFrom: string): void {
  const expected = periodKindOf(rule) ?? 'day';
  if (period.kind !== expected) {
    throw new ConfirmError(`у правила «${ruleRef}» период — ${KIND_RU[expected] ?? expected}, а «${period.id}» — ${KIND_RU[period.kind] ?? period.kind}`);
  }
  if (rule.trigger.kind === 'once' && period.id !== String(rule.trigger.year)) {
    throw new ConfirmError(`правило «${ruleRef}» действует один раз, в ${rule.trigger.year} году, а не в ${period.id}`);
  }
  if (today !== null && period.start > today) throw new ConfirmError(`период «${period.id}» ещё не начался (начнётся ${period.start.split('-').reverse().join('.')})`);
  if (period.end < effectiveFrom) throw new ConfirmError(`период «${period.id}» закончился до вступления регламента в силу (${effectiveFrom.split('-').reverse().join('.')})`);
  if (rule.active?.to && period.start > rule.active.to) throw new ConfirmError(`правило «${ruleRef}» действует по ${rule.active.to.split('-').reverse().join('.')}, период «${period.id}» позже`);
  if (rule.active?.from && period.end < rule.active.from) throw new ConfirmError(`правило «${ruleRef}» действует с ${rule.active.from.split('-').reverse().join('.')}, период «${period.id}» раньше`);
}
