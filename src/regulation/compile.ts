import { createHash } from 'node:crypto';
import { parseTerm } from '../time/term.js';
import type { CompiledCheck, CompiledLadder, CompiledRegulation, CompiledRule, DueSpec, PeriodKind, RoleRef, Trigger } from './model.js';
import type { RawCheck, RawDue, RawLadder, RawRegulation, RawRule } from './rawRegulation.js';

/** The one kind key a due object uses (the schema and `semanticChecks` guarantee exactly one). */
export const DUE_KINDS = ['date', 'term', 'same_day', 'day_of_next_period', 'day_of_period', 'last_working_day', 'last_day', 'period_end'] as const;

/** Compiles a written deadline. Throws on a due object without a kind (prevented by validation). */
export function compileDue(raw: RawDue): DueSpec {
  const base = { until: raw.until ?? 'inclusive', moveToWorkingDay: raw.move_to_working_day ?? true } as const;
  if (raw.date !== undefined) return { kind: 'date', date: raw.date, ...base };
  if (raw.term !== undefined) return { kind: 'term', term: parseTerm(raw.term), termText: raw.term, ...base };
  if (raw.same_day) return { kind: 'same_day', ...base };
  if (raw.day_of_next_period !== undefined) return { kind: 'day_of_next_period', day: raw.day_of_next_period, ...base };
  if (raw.day_of_period !== undefined) return { kind: 'day_of_period', day: raw.day_of_period, ...base };
  if (raw.last_working_day) return { kind: 'last_working_day', ...base };
  if (raw.last_day) return { kind: 'last_day', ...base };
  if (raw.period_end) return { kind: 'period_end', ...base };
  throw new Error('due without a kind');
}

function compileCheck(raw: RawCheck): CompiledCheck {
  return { name: raw.name, params: raw.params ?? {}, ...(raw.levels ? { levels: raw.levels } : {}) };
}

function role(raw: RawRegulation, id: string): RoleRef {
  return { id, ...raw.roles[id]! };
}

function compileLadder(raw: RawRegulation, ladder: RawLadder, name?: string): CompiledLadder {
  return {
    ...(name ? { name } : {}),
    steps: ladder.steps.map((s, step) => ({ step, role: role(raw, s.to), after: parseTerm(s.after), afterText: s.after })),
    ...(ladder.repeat ? { repeat: parseTerm(ladder.repeat) } : {}),
  };
}

function compileTrigger(w: RawRule['when']): Trigger {
  if (w.annual) return { kind: 'annual', year: w.annual.year ?? 'academic' };
  if (w.once) return { kind: 'once', year: w.once.year };
  if (w.recurring) return { kind: 'recurring', period: w.recurring.period as PeriodKind, ...(w.recurring.months ? { months: w.recurring.months } : {}) };
  if (w.after_event) return { kind: 'after_event', event: w.after_event.event };
  if (w.before_event) return { kind: 'before_event', event: w.before_event.event };
  if (w.after_rule) return { kind: 'after_rule', rule: w.after_rule.rule };
  if (w.campaign) {
    const c = w.campaign;
    return {
      kind: 'campaign', year: c.year ?? 'annual', opens: c.opens, closes: c.closes,
      ...(c.extension ? { extension: { until: c.extension.until, while: compileCheck(c.extension.while) } } : {}),
    };
  }
  throw new Error('when without a kind');
}

/** The ladder a rule uses: its own, a named one, or the document's default. */
export function ladderOf(raw: RawRegulation, rule: RawRule): { ladder: RawLadder; name?: string } | undefined {
  const ref = rule.escalation ?? raw.default_escalation;
  if (ref === undefined) return undefined;
  if (typeof ref === 'string') return raw.ladders && Object.hasOwn(raw.ladders, ref) ? { ladder: raw.ladders[ref]!, name: ref } : undefined;
  return { ladder: ref };
}

/**
 * Turns a regulation that passed validation into the compiled, plain-data model. Pure; throws
 * only if given a document that did not pass `semanticChecks` (a programming error).
 * A rule with a single `due` is due for the first role of its ladder.
 */
export function compileRegulation(raw: RawRegulation, sourcePath: string, text: string): CompiledRegulation {
  const rules: CompiledRule[] = raw.rules.map((r) => {
    const ladderRef = ladderOf(raw, r);
    if (!ladderRef) throw new Error(`rule ${r.id}: no escalation ladder`);
    const escalation = compileLadder(raw, ladderRef.ladder, ladderRef.name);
    const deadlines = r.deadlines
      ? r.deadlines.map((d) => ({ role: role(raw, d.role), due: compileDue(d.due) }))
      : [{ role: escalation.steps[0]!.role, due: compileDue(r.due!) }];
    return {
      regulationId: raw.id,
      id: r.id,
      title: r.title,
      citation: { clause: r.citation.clause, text: r.citation.text.trim() },
      scope: {
        organisationTypes: r.scope.organisation_types,
        ...(r.scope.municipalities ? { municipalities: r.scope.municipalities } : {}),
        ...(r.scope.regions ? { regions: r.scope.regions } : {}),
      },
      ...(r.active ? { active: r.active } : {}),
      trigger: compileTrigger(r.when),
      ...(r.window ? { window: compileDue(r.window.opens) } : {}),
      deadlines,
      reminders: (r.reminders ?? []).map((t) => parseTerm(t)),
      check: compileCheck(r.check),
      escalation,
      ...(r.notes ? { notes: r.notes } : {}),
    };
  });
  return {
    id: raw.id,
    title: raw.title,
    source: raw.source,
    region: raw.region,
    timezone: raw.timezone,
    calendar: raw.calendar,
    effective: raw.effective,
    version: raw.version,
    versionHash: createHash('sha256').update(text).digest('hex'),
    sourcePath,
    rules,
  };
}
