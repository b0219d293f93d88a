import { sql } from 'slonik';
import { z } from 'zod';
import { REGIONS } from '../../../regions.js';
import { FILL_RATE_CARD_TITLES } from '../../definitions/associations.js';
import type { PeriodCheck } from '../periodCheck.js';
import { staffEmployed } from './staffEmployed.js';
import { subjectOrganisations } from './subjectOrganisations.js';

/**
 * Fields of the organisation card whose share `card_fill_rate` measures (columns of
 * `organisations`, fill times in its `field_filled_at`). The seed gives no list (seed 002, slide
 * 12); these are the card's requisites the data holds.
 */
export const ORGANISATION_CARD_FIELDS = ['short_name', 'inn', 'licence_date', 'head_name', 'website', 'phone', 'email', 'address', 'latitude', 'longitude'];

/**
 * Fields of the staff card whose share `card_fill_rate` measures: those every employee has (ЯНАО
 * № 216, п. 1.4.1, as `staff-card-3wd` requires them), so that legitimately empty fields (awards,
 * extra position) do not lower the rate.
 */
export const STAFF_FILL_RATE_FIELDS = [
  'last_name', 'first_name', 'birth_date', 'sex', 'citizenship', 'residence_address', 'registration_address', 'home_phone', 'user_roles',
  'personnel_no', 'hire_date', 'hire_order_no', 'main_position', 'work_experience', 'education_level', 'staff_category', 'passport', 'snils',
];

const rates = z.object({ atDue: z.number().nullable(), now: z.number().nullable() });
const row = z.object({
  subject_id: z.string(),
  organisation: rates,
  staff: rates,
  staff_portfolio: rates,
  staff_count: z.number(),
  offending: z.array(z.string()),
});

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * `card_fill_rate` (metric, percent): for each card kind of `params.cards`, the share of filled
 * fields averaged over the cards of that kind in the subject's organisations — the organisation
 * card; staff cards of those employed on the day; staff portfolios (the share of employed staff
 * with at least one portfolio entry). The metric is the lowest of them (no cards: 0 %). A field
 * counts from when it was first filled, so the rate is computed as of the deadline (or `asOf` if
 * earlier) and as of `asOf`. Done at the deadline (or at `asOf` before it) if the rate then reached
 * `min_percent`; reached only later, done at `asOf` (the crossing time is not kept); else not done.
 * Offending records are staff ids with an incomplete card or an empty portfolio.
 */
export const cardFillRate: PeriodCheck = {
  name: 'card_fill_rate',
  async evaluate(db, input) {
    const zone = REGIONS[input.region]?.timezone ?? 'UTC';
    const cards = (input.params.cards as string[]) ?? [];
    const minPercent = Number(input.params.min_percent ?? 0);
    const asOf = input.asOf;
    const orgFields = sql.array(ORGANISATION_CARD_FIELDS, 'text');
    const staffFields = sql.array(STAFF_FILL_RATE_FIELDS, 'text');
    const rows = await db.any(sql.type(row)`
      WITH subj AS (${subjectOrganisations(input)}),
      cut AS (
        SELECT t1, t2, ((t1 - interval '1 microsecond') AT TIME ZONE ${zone})::date AS d1, ((t2 - interval '1 microsecond') AT TIME ZONE ${zone})::date AS d2
        FROM (SELECT least(${input.dueAt}::timestamptz, ${asOf}::timestamptz) AS t1, ${asOf}::timestamptz AS t2) t
      ),
      org_card AS (
        SELECT subj.subject_id, 100.0 * avg(k.n1) / ${ORGANISATION_CARD_FIELDS.length} AS p1, 100.0 * avg(k.n2) / ${ORGANISATION_CARD_FIELDS.length} AS p2
        FROM subj JOIN organisations g ON g.id = subj.organisation_id CROSS JOIN cut c
        CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE (g.field_filled_at ->> f)::timestamptz <= c.t1) AS n1,
                 count(*) FILTER (WHERE (g.field_filled_at ->> f)::timestamptz <= c.t2) AS n2
          FROM unnest(${orgFields}) AS f) k
        GROUP BY subj.subject_id
      ),
      staff_cards AS (
        SELECT subj.subject_id, s.id, ${staffEmployed(sql.fragment`c.d1`, asOf)} AS e1, ${staffEmployed(sql.fragment`c.d2`, asOf)} AS e2,
               k.n1, k.n2, coalesce(pe.first_entry <= c.t1, false) AS port1, coalesce(pe.first_entry <= c.t2, false) AS port2
        FROM subj JOIN staff s ON s.organisation_id = subj.organisation_id CROSS JOIN cut c
        CROSS JOIN LATERAL (
          SELECT count(*) FILTER (WHERE (s.field_filled_at ->> f)::timestamptz <= c.t1) AS n1,
                 count(*) FILTER (WHERE (s.field_filled_at ->> f)::timestamptz <= c.t2) AS n2
          FROM unnest(${staffFields}) AS f) k
        CROSS JOIN LATERAL (SELECT min(e.entered_at) AS first_entry FROM staff_portfolio_entries e WHERE e.staff_id = s.id) pe
      ),
      staff_agg AS (
        SELECT subject_id,
               100.0 * avg(n1) FILTER (WHERE e1) / ${STAFF_FILL_RATE_FIELDS.length} AS s1, 100.0 * avg(n2) FILTER (WHERE e2) / ${STAFF_FILL_RATE_FIELDS.length} AS s2,
               100.0 * count(*) FILTER (WHERE e1 AND port1) / nullif(count(*) FILTER (WHERE e1), 0) AS pf1,
               100.0 * count(*) FILTER (WHERE e2 AND port2) / nullif(count(*) FILTER (WHERE e2), 0) AS pf2,
               count(*) FILTER (WHERE e2)::int AS staff_count,
               array_agg(id::text ORDER BY id) FILTER (WHERE e2 AND (
                 (${cards.includes('staff')} AND n2 < ${STAFF_FILL_RATE_FIELDS.length}) OR (${cards.includes('staff_portfolio')} AND NOT port2))) AS offending
        FROM staff_cards GROUP BY subject_id
      )
      SELECT subjects.subject_id,
             json_build_object('atDue', o.p1::float8, 'now', o.p2::float8) AS organisation,
             json_build_object('atDue', a.s1::float8, 'now', a.s2::float8) AS staff,
             json_build_object('atDue', a.pf1::float8, 'now', a.pf2::float8) AS staff_portfolio,
             coalesce(a.staff_count, 0) AS staff_count, coalesce(a.offending, '{}') AS offending
      FROM (SELECT DISTINCT subject_id FROM subj) subjects
      LEFT JOIN org_card o ON o.subject_id = subjects.subject_id
      LEFT JOIN staff_agg a ON a.subject_id = subjects.subject_id
      ORDER BY subjects.subject_id`);
    const beforeDue = Date.parse(asOf) < Date.parse(input.dueAt);
    return rows.map((r) => {
      const rate = (card: string, at: 'atDue' | 'now') => r[card as 'organisation' | 'staff' | 'staff_portfolio']?.[at] ?? 0;
      const lowest = (at: 'atDue' | 'now') => (cards.length ? Math.min(...cards.map((c) => rate(c, at))) : 0);
      const atDue = lowest('atDue');
      const now = lowest('now');
      const onTime = atDue >= minPercent;
      const late = !onTime && !beforeDue && now >= minPercent;
      const counts: Record<string, number> = {};
      for (const c of cards) counts[`${FILL_RATE_CARD_TITLES[c] ?? c}, %`] = round1(rate(c, onTime ? 'atDue' : 'now'));
      if (cards.some((c) => c !== 'organisation')) counts['сотрудников'] = r.staff_count;
      return {
        subject_kind: input.subjectScope,
        subject_id: r.subject_id,
        completed_at: onTime ? (beforeDue ? asOf : input.dueAt) : late ? asOf : null,
        metric: onTime ? atDue : now,
        counts,
        offending: r.offending,
      };
    });
  },
};
