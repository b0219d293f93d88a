import { createHash } from 'node:crypto';
import { parseTerm } from '../time/term.js';
import type { CompiledRegulation, CompiledRule } from './model.js';
import type { RawRegulation } from './rawRegulation.js';

/**
 * Turns a regulation that passed validation into the compiled, plain-data model. Pure; throws
 * only if given a document that did not pass `semanticChecks` (a programming error).
 */
export function compileRegulation(raw: RawRegulation, sourcePath: string, text: string): CompiledRegulation {
  const rules: CompiledRule[] = raw.rules.map((r) => {
    const t = r.when.after_event;
    if (!t) throw new Error(`rule ${r.id}: no supported trigger`);
    return {
      regulationId: raw.id,
      id: r.id,
      title: r.title,
      citation: { clause: r.citation.clause, text: r.citation.text.trim() },
      scope: { organisationTypes: r.scope.organisation_types, municipalities: r.scope.municipalities },
      trigger: { kind: 'after_event', event: t.event, term: parseTerm(t.term), termText: t.term, moveToWorkingDay: t.move_to_working_day ?? true },
      check: { name: r.check.name, params: r.check.params ?? {} },
      escalation: r.escalation.map((s, step) => ({
        step,
        role: { id: s.to, ...raw.roles[s.to]! },
        after: parseTerm(s.after),
        afterText: s.after,
      })),
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
