import { closest } from '../../regulation/closest.js';
import type { LoadResult } from '../../regulation/loadRegulations.js';
import type { CompiledRegulation, CompiledRule } from '../../regulation/model.js';
import { ConfirmError } from './confirmError.js';

/** A rule and the regulation it belongs to. */
export interface ResolvedRule {
  regulation: CompiledRegulation;
  rule: CompiledRule;
}

/**
 * Finds a rule by `<regulation-id>/<rule-id>`, or by a rule id that is unique across the loaded
 * regulations. Throws `ConfirmError` for an unknown rule (with a "did you mean" hint) or an id
 * found in several regulations.
 */
export function resolveRule(loaded: LoadResult, ref: string): ResolvedRule {
  const all = loaded.regulations.flatMap((regulation) => regulation.rules.map((rule) => ({ regulation, rule })));
  const slash = ref.indexOf('/');
  const matches = slash >= 0
    ? all.filter((r) => r.regulation.id === ref.slice(0, slash) && r.rule.id === ref.slice(slash + 1))
    : all.filter((r) => r.rule.id === ref);
  if (matches.length === 0) {
    const names = slash >= 0 ? all.map((r) => `${r.regulation.id}/${r.rule.id}`) : [...new Set(all.map((r) => r.rule.id))];
    const hint = closest(ref, names);
    const broken = loaded.problems.some((p) => p.severity === 'error') ? ' (часть файлов regulations/ содержит ошибки и не загружена: проверьте reglament validate)' : '';
    throw new ConfirmError(`правило «${ref}» не найдено в regulations/${hint ? `; возможно, имелось в виду «${hint}»` : ''}${broken}`);
  }
  if (matches.length > 1) {
    throw new ConfirmError(`правило «${ref}» есть в нескольких регламентах: ${matches.map((m) => `${m.regulation.id}/${m.rule.id}`).join(', ')}; укажите его как <регламент>/<правило>`);
  }
  return matches[0]!;
}

/** `resolveRule`, and the rule must be judged by hand (check `manual`); throws `ConfirmError` otherwise. */
export function resolveManualRule(loaded: LoadResult, ref: string): ResolvedRule {
  const found = resolveRule(loaded, ref);
  if (found.rule.check.name !== 'manual') {
    throw new ConfirmError(`правило «${found.regulation.id}/${found.rule.id}» проверяется автоматически (проверка «${found.rule.check.name}»): ручное подтверждение для него не записывается`);
  }
  return found;
}
