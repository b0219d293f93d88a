import { sql } from 'slonik';
import { z } from 'zod';
import { REGIONS } from '../../../regions.js';
import type { PeriodCheck } from '../periodCheck.js';
import { staffEmployed } from './staffEmployed.js';
import { subjectOrganisations } from './subjectOrganisations.js';

const row = z.object({
  subject_id: z.string(),
  total: z.number(),
  linked: z.number(),
  last_link: z.string().nullable(),
  offending: z.array(z.string()),
});

/**
 * `esia_account_linked` as a period check («с 1 июля вход только через ЕСИА»): every account of
 * the kind `params.account` in the subject's organisations is linked to ESIA by the deadline —
 * staff employed on the deadline's last day (or on `asOf`, if earlier), or parents of students who
 * have not left by then. Done when the last of them was linked; an empty population is done from
 * the window's opening. Offending records are the unlinked staff or parent ids. Only links, hires,
 * dismissals and parent cards recorded by `asOf` count.
 */
export const esiaAccountsLinked: PeriodCheck = {
  name: 'esia_account_linked',
  async evaluate(db, input) {
    const zone = REGIONS[input.region]?.timezone ?? 'UTC';
    const asOf = input.asOf;
    const day = sql.fragment`c.day`;
    const population = input.params.account === 'parent'
      ? sql.fragment`
        SELECT subj.subject_id, p.id, p.esia_linked_at
        FROM subj JOIN students st ON st.organisation_id = subj.organisation_id
        JOIN parents p ON p.student_id = st.id CROSS JOIN cut c
        WHERE p.created_at <= ${asOf}::timestamptz
          AND NOT coalesce(st.left_at < c.day AND coalesce((st.field_filled_at ->> 'left_at')::timestamptz, '-infinity') <= ${asOf}::timestamptz, false)`
      : sql.fragment`
        SELECT subj.subject_id, s.id, s.esia_linked_at
        FROM subj JOIN staff s ON s.organisation_id = subj.organisation_id CROSS JOIN cut c
        WHERE ${staffEmployed(day, asOf)}`;
    const rows = await db.any(sql.type(row)`
      WITH subj AS (${subjectOrganisations(input)}),
      cut AS (SELECT ((least(${input.dueAt}::timestamptz, ${asOf}::timestamptz) - interval '1 microsecond') AT TIME ZONE ${zone})::date AS day),
      pop AS (${population})
      SELECT subjects.subject_id,
             count(pop.id)::int AS total,
             count(pop.id) FILTER (WHERE pop.esia_linked_at <= ${asOf}::timestamptz)::int AS linked,
             max(pop.esia_linked_at) FILTER (WHERE pop.esia_linked_at <= ${asOf}::timestamptz) AS last_link,
             coalesce(array_agg(pop.id::text ORDER BY pop.id) FILTER (WHERE pop.id IS NOT NULL AND NOT coalesce(pop.esia_linked_at <= ${asOf}::timestamptz, false)), '{}') AS offending
      FROM (SELECT DISTINCT subject_id FROM subj) subjects
      LEFT JOIN pop ON pop.subject_id = subjects.subject_id
      GROUP BY subjects.subject_id
      ORDER BY subjects.subject_id`);
    const opened = input.windowOpensAt ?? input.period.start;
    return rows.map((r) => ({
      subject_kind: input.subjectScope,
      subject_id: r.subject_id,
      completed_at: r.linked === r.total ? (r.last_link ?? opened) : null,
      metric: null,
      counts: { 'учётных записей': r.total, 'привязано к ЕСИА': r.linked, 'не привязано': r.total - r.linked },
      offending: r.offending,
    }));
  },
};
