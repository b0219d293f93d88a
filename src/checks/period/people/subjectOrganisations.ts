import { sql, type FragmentSqlToken } from 'slonik';
import type { PeriodCheckInput } from '../periodCheck.js';

/**
 * SELECT of `(subject_id, organisation_id)`: which organisation in the rule's scope counts toward
 * which subject. For an organisation tier each organisation is its own subject; for a municipal tier
 * the subject is the МОУО of the municipality, for a regional tier the РО (or ОПЕРАТОР) of the
 * region, as in `manual`. A subject with no organisation in scope still appears, with a null
 * `organisation_id`, so that it is judged (on an empty population).
 */
export function subjectOrganisations(input: Pick<PeriodCheckInput, 'region' | 'organisationTypes' | 'municipalities' | 'subjectScope'>): FragmentSqlToken {
  const inScope = (alias: string) => {
    const g = sql.identifier([alias]);
    return sql.fragment`${g}.region = ${input.region} AND ${g}.type = ANY(${sql.array(input.organisationTypes, 'text')})
      AND (${input.municipalities ? sql.fragment`${g}.municipality_id = ANY(${sql.array(input.municipalities, 'text')})` : sql.fragment`TRUE`})`;
  };
  if (input.subjectScope === 'organisation') return sql.fragment`SELECT g.id AS subject_id, g.id AS organisation_id FROM organisations g WHERE ${inScope('g')}`;
  if (input.subjectScope === 'municipality') {
    return sql.fragment`
      SELECT m.id AS subject_id, g.id AS organisation_id
      FROM organisations m LEFT JOIN organisations g ON g.municipality_id = m.municipality_id AND ${inScope('g')}
      WHERE m.region = ${input.region} AND m.type = 'МОУО'
        AND (${input.municipalities ? sql.fragment`m.municipality_id = ANY(${sql.array(input.municipalities, 'text')})` : sql.fragment`TRUE`})`;
  }
  return sql.fragment`
    SELECT r.id AS subject_id, g.id AS organisation_id
    FROM organisations r LEFT JOIN organisations g ON ${inScope('g')}
    WHERE r.region = ${input.region} AND r.type IN ('РО', 'ОПЕРАТОР')`;
}
