import { sql, type FragmentSqlToken } from 'slonik';
import type { PeriodCheckInput } from '../periodCheck.js';

/**
 * The organisation types that stand for a tier: the organisations themselves, the municipal
 * authority (МОУО) for a municipal tier, the regional authority or operator for a regional one.
 */
export function subjectTypes(input: Pick<PeriodCheckInput, 'subjectScope' | 'organisationTypes'>): string[] {
  return input.subjectScope === 'organisation' ? input.organisationTypes : input.subjectScope === 'municipality' ? ['МОУО'] : ['РО', 'ОПЕРАТОР'];
}

/**
 * Two CTEs for a period check: `subjects(id, region, municipality_id)`, the organisations judged
 * for the tier, and `members(subject_id, organisation_id)`, the organisations of the rule's types
 * whose data each subject answers for (itself; every one of its municipality; every one of the
 * region). Both honour the rule's municipality filter. To be placed after `WITH`.
 */
export function scopeCte(input: Pick<PeriodCheckInput, 'region' | 'subjectScope' | 'organisationTypes' | 'municipalities'>): FragmentSqlToken {
  const inMunicipalities = (alias: 'g' | 'm') => input.municipalities
    ? sql.fragment`${sql.identifier([alias, 'municipality_id'])} = ANY(${sql.array(input.municipalities, 'text')})`
    : sql.fragment`TRUE`;
  const link = input.subjectScope === 'organisation' ? sql.fragment`m.id = s.id`
    : input.subjectScope === 'municipality' ? sql.fragment`m.municipality_id = s.municipality_id`
    : sql.fragment`TRUE`;
  return sql.fragment`
    subjects AS (
      SELECT g.id, g.region, g.municipality_id
      FROM organisations g
      WHERE g.region = ${input.region}
        AND g.type = ANY(${sql.array(subjectTypes(input), 'text')})
        AND ${inMunicipalities('g')}
    ),
    members AS (
      SELECT s.id AS subject_id, m.id AS organisation_id
      FROM subjects s
      JOIN organisations m ON m.region = s.region AND ${link}
      WHERE m.type = ANY(${sql.array(input.organisationTypes, 'text')})
        AND ${inMunicipalities('m')}
    )`;
}
