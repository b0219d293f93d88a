import { sql } from 'slonik';
import { z } from 'zod';
import { startOfLocalDay } from '../../../plan/localDay.js';
import { scopeCte } from '../journals/scopeCte.js';
import type { PeriodCheck } from '../periodCheck.js';

const row = z.object({
  subject_id: z.string(),
  groups: z.number(),
  days: z.number(),
  required: z.number(),
  unmarked: z.number(),
  completed_at: z.string().nullable(),
  offending: z.array(z.string()),
});

/**
 * `attendance_marked`: for every working day of the period (`input.workingDays`, the rule's
 * production calendar; Monday to Friday when it is not given) on which a kindergarten group
 * (`class_groups.kind = 'group'`) of a member organisation had a pupil on the roll, the group's
 * attendance sheet (`attendance_sheets`) for that day was marked. A pupil is on the roll from the
 * date of the enrollment order (else the day the record was made) until the day they left. Done when
 * the last required sheet was marked; with nothing required, from the start of the period. Only
 * pupils, orders and sheets recorded by `asOf` count. Offending: the group and day of each sheet
 * still missing.
 */
export const attendanceMarked: PeriodCheck = {
  name: 'attendance_marked',
  async evaluate(db, input) {
    const zone = input.timezone;
    const { start, end } = input.period;
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const days = input.workingDays
      ? sql.fragment`SELECT d AS day FROM unnest(${sql.array(input.workingDays, 'date')}) AS d WHERE d BETWEEN ${start}::date AND ${end}::date`
      : sql.fragment`SELECT d::date AS day FROM generate_series(${start}::date, ${end}::date, interval '1 day') AS d WHERE extract(isodow FROM d) < 6`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      days AS (${days}),
      pupils AS (
        SELECT mb.subject_id, cg.id AS class_group_id,
               coalesce(enr.first_day, (st.created_at AT TIME ZONE ${zone})::date) AS on_from, st.left_at
        FROM members mb
        JOIN students st ON st.organisation_id = mb.organisation_id AND st.created_at <= ${asOf}
        JOIN class_groups cg ON cg.id = st.class_group_id AND cg.kind = 'group'
        LEFT JOIN LATERAL (
          SELECT min(o.order_date) AS first_day FROM movement_orders o
          WHERE o.student_id = st.id AND o.kind = 'enrollment' AND o.entered_at <= ${asOf}
        ) enr ON TRUE
        WHERE st.left_at IS NULL OR st.left_at > ${start}::date
      ),
      -- A group needs a sheet on each day between its first pupil's arrival and its last pupil's leaving.
      groups AS (
        SELECT subject_id, class_group_id, min(on_from) AS first_day, max(coalesce(left_at, 'infinity'::date)) AS gone_from
        FROM pupils GROUP BY subject_id, class_group_id
      ),
      required AS (
        SELECT gr.subject_id, gr.class_group_id, d.day, sh.marked_at
        FROM groups gr
        JOIN days d ON d.day >= gr.first_day AND d.day < gr.gone_from
        LEFT JOIN attendance_sheets sh ON sh.class_group_id = gr.class_group_id AND sh.day = d.day AND sh.marked_at <= ${asOf}
      ),
      -- Aggregated once, then joined to every subject (also those with nothing owed).
      per_subject AS MATERIALIZED (
        SELECT r.subject_id, count(DISTINCT r.class_group_id)::int AS groups, count(*)::int AS required,
               count(*) FILTER (WHERE r.marked_at IS NULL)::int AS unmarked,
               CASE WHEN bool_and(r.marked_at IS NOT NULL) THEN max(r.marked_at) END AS done_at,
               coalesce(array_agg(cg.name || ' — ' || to_char(r.day, 'DD.MM.YYYY') ORDER BY r.day, cg.name) FILTER (WHERE r.marked_at IS NULL), '{}') AS offending
        FROM required r
        JOIN class_groups cg ON cg.id = r.class_group_id
        GROUP BY r.subject_id
      )
      SELECT s.id AS subject_id, coalesce(a.groups, 0) AS groups, (SELECT count(*)::int FROM days) AS days,
             coalesce(a.required, 0) AS required, coalesce(a.unmarked, 0) AS unmarked,
             CASE WHEN a.subject_id IS NULL THEN ${startOfLocalDay(start, zone)}::timestamptz ELSE a.done_at END AS completed_at,
             coalesce(a.offending, '{}') AS offending
      FROM subjects s
      LEFT JOIN per_subject a ON a.subject_id = s.id
      ORDER BY s.id`);
    return rows.map((r) => ({
      subject_kind: 'organisation' as const, subject_id: r.subject_id, completed_at: r.completed_at, metric: null,
      counts: { 'групп': r.groups, 'рабочих дней': r.days, 'дней посещаемости (группа × день)': r.required, 'не отмечено': r.unmarked },
      offending: r.offending,
    }));
  },
};
