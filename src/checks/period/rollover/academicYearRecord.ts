import { sql, type FragmentSqlToken } from 'slonik';
import { judgedModule, OWN_MODULE } from './organisationScope.js';

/**
 * SQL `LEFT JOIN LATERAL … y`: the organisation `g`'s record of `academicYear` in the module the
 * check judges (`params.module`, else the organisation's own). A row without `module` stands for the
 * organisation's own module; an explicit row wins over it.
 */
export function joinAcademicYearRecord(academicYear: string, params: Record<string, unknown>): FragmentSqlToken {
  return sql.fragment`LEFT JOIN LATERAL (
      SELECT a.* FROM academic_years a
      WHERE a.organisation_id = g.id AND a.academic_year = ${academicYear}
        AND coalesce(a.module, ${OWN_MODULE}) IS NOT DISTINCT FROM ${judgedModule(params)}
      ORDER BY a.module NULLS LAST
      LIMIT 1
    ) y ON TRUE`;
}
