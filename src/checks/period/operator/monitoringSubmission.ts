import { sql, type FragmentSqlToken } from 'slonik';
import type { PeriodCheckInput } from '../periodCheck.js';
import { organisationScope } from '../rollover/organisationScope.js';

/** Which recorded monitoring counts: its key, the period ids it may be filed under, and since when. */
export interface SubmissionSpec {
  monitoring: string;
  periodIds: string[];
  /** Submissions before this instant (the window's opening) belong to an earlier control. */
  notBefore?: string;
}

/**
 * Three CTEs shared by the checks of recorded monitorings (`monitoring_completed`,
 * `operator_control_completed`), to be placed after `WITH`:
 * - `subjects(id, municipality_id)`: the МОУО of each municipality for a municipal tier, the РО or
 *   ОПЕРАТОР for a regional one, the rule's organisations for an organisation tier;
 * - `submitted(id, at)`: the first submission in `monitoring_submissions` by `asOf` of
 *   `spec.monitoring` under one of `spec.periodIds` (and not before `spec.notBefore`) — a regional one
 *   for the regional tier, else one of the subject's municipality;
 * - `territory(subject_id, organisation_id)`: the rule's organisations whose indicator the subject's
 *   submission reports (the whole region for the regional tier, else the subject's municipality).
 */
export function monitoringSubmissionCtes(input: PeriodCheckInput, spec: SubmissionSpec): FragmentSqlToken {
  const regional = input.subjectScope === 'region';
  const subjectTypes = input.subjectScope === 'organisation' ? input.organisationTypes : regional ? ['РО', 'ОПЕРАТОР'] : ['МОУО'];
  return sql.fragment`
    subjects AS (
      SELECT g.id, g.municipality_id FROM organisations g
      WHERE g.region = ${input.region} AND g.type = ANY(${sql.array(subjectTypes, 'text')})
        AND (${regional || !input.municipalities ? sql.fragment`TRUE` : sql.fragment`g.municipality_id = ANY(${sql.array(input.municipalities, 'text')})`})
    ),
    submitted AS (
      SELECT s.id, min(m.submitted_at) AS at
      FROM subjects s
      JOIN monitoring_submissions m
        ON m.region = ${input.region} AND m.tier = ${regional ? 'regional' : 'municipal'} AND m.monitoring = ${spec.monitoring}
       AND m.period_id = ANY(${sql.array(spec.periodIds, 'text')}) AND m.submitted_at <= ${input.asOf}::timestamptz
       AND m.submitted_at >= ${spec.notBefore ?? '-infinity'}::timestamptz
       AND (${regional ? sql.fragment`m.municipality_id IS NULL` : sql.fragment`m.municipality_id = s.municipality_id`})
      GROUP BY s.id
    ),
    territory AS (
      SELECT s.id AS subject_id, o.id AS organisation_id
      FROM subjects s
      JOIN organisations o ON ${organisationScope(input, 'o')} AND (${regional} OR o.municipality_id = s.municipality_id)
    )`;
}
