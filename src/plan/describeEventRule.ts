import { EVENTS } from '../checks/events.js';
import type { CompiledLadder, CompiledRegulation, CompiledRule, DueSpec } from '../regulation/model.js';
import { formatTermRu, type Term } from '../time/term.js';
import type { EventTerm } from './occurrence.js';

/**
 * Describes in Russian how an event-relative rule (after_event, before_event, after_rule) counts its
 * deadlines, since they have no dates until the events happen: «3 рабочих дня после события
 * «приказ о зачислении»», «10 рабочих дней до события «…»», «в день события «…»», «2 рабочих дня
 * после исполнения правила «…» (id)». Throws `Error` if the rule is not event-relative.
 */
export function describeEventRule(regulation: CompiledRegulation, rule: CompiledRule): EventTerm {
  const t = rule.trigger;
  if (t.kind !== 'after_event' && t.kind !== 'before_event' && t.kind !== 'after_rule') throw new Error(`rule ${rule.id} is not event-relative`);
  let subject: string;
  if (t.kind === 'after_rule') {
    const previous = regulation.rules.find((r) => r.id === t.rule);
    subject = `исполнения правила «${previous?.title ?? t.rule}» (${t.rule})`;
  } else {
    subject = `события «${EVENTS[t.event] ?? t.event}»`;
  }
  const tiers = rule.deadlines.map((d, tier) => ({ tier, role: d.role, text: dueText(d.due, subject) }));
  return {
    trigger: t.kind,
    ...(t.kind === 'after_rule' ? { rule: t.rule } : { event: t.event }),
    text: tiers[0]!.text,
    tiers,
    reminders: rule.reminders.map((r) => `за ${termRu(r)} до срока`),
    escalation: ladderText(rule.escalation),
  };
}

const termTexts = new Map<string, string>();

/** Russian text of a term without its direction word: «3 рабочих дня», «2 часа». Memoised: ladders repeat the same few terms. */
export function termRu(term: Term): string {
  const key = `${term.amount} ${term.unit}`;
  let text = termTexts.get(key);
  if (text === undefined) {
    text = formatTermRu({ ...term, direction: 'after' });
    termTexts.set(key, text);
  }
  return text;
}

/** The escalation ladder in Russian, one line per step and one for the repeat. */
export function ladderText(ladder: CompiledLadder): string[] {
  const lines = ladder.steps.map((s) => `${s.role.title} — ${s.after.amount === 0 ? 'в момент истечения срока' : `через ${termRu(s.after)} после срока`}`);
  if (ladder.repeat && ladder.repeat.amount > 0) lines.push(`далее повторно через каждые ${termRu(ladder.repeat)}, пока не исполнено`);
  return lines;
}

function dueText(due: DueSpec, subject: string): string {
  const strict = due.until === 'exclusive' ? ' (не включая последний день)' : '';
  switch (due.kind) {
    case 'term':
      return `${termRu(due.term)} ${due.term.direction === 'before' ? 'до' : 'после'} ${subject}${strict}`;
    case 'same_day':
      return `${due.until === 'exclusive' ? 'до начала дня' : 'в день'} ${subject}`;
    case 'date':
      return `дата «${due.date}» после ${subject}${strict}`;
    case 'day_of_next_period':
      return `${due.day} число месяца, следующего за месяцем ${subject}${strict}`;
    case 'day_of_period':
      return `${due.day} число месяца ${subject}${strict}`;
    case 'last_working_day':
      return `последний рабочий день месяца ${subject}`;
    case 'last_day':
    case 'period_end':
      return `последний день месяца ${subject}${strict}`;
  }
}
