import { sql, type FragmentSqlToken } from 'slonik';
import type { PeriodCheckInput } from '../periodCheck.js';

/**
 * SQL condition on `organisations <alias>` (default `g`): the organisations of the rule's types in
 * its region, within its municipalities if it names any. Every rollover check's subjects are these
 * organisations.
 */
export function organisationScope(input: Pick<PeriodCheckInput, 'region' | 'organisationTypes' | 'municipalities'>, alias = 'g'): FragmentSqlToken {
  const g = sql.identifier([alias]);
  return sql.fragment`${g}.region = ${input.region}
    AND ${g}.type = ANY(${sql.array(input.organisationTypes, 'text')})
    AND (${input.municipalities ? sql.fragment`${g}.municipality_id = ANY(${sql.array(input.municipalities, 'text')})` : sql.fragment`TRUE`})`;
}

/**
 * SQL expression: the module of the system an organisation `g` works in by its type (ДОО → МДОО,
 * ООО → МОО, ОДО → МОДО, ПОО → МОПО; null for other types). A check without `module` judges each
 * organisation in this one.
 */
export const OWN_MODULE = sql.fragment`(CASE g.type WHEN 'ДОО' THEN 'МДОО' WHEN 'ООО' THEN 'МОО' WHEN 'ОДО' THEN 'МОДО' WHEN 'ПОО' THEN 'МОПО' END)`;

/** SQL expression: the module a check judges `g` in — its `module` parameter, else the organisation's own. */
export function judgedModule(params: Record<string, unknown>): FragmentSqlToken {
  const module = typeof params.module === 'string' ? params.module : null;
  return sql.fragment`coalesce(${module}::text, ${OWN_MODULE})`;
}
