import { sql, type FragmentSqlToken } from 'slonik';
import { STUDENT_CARD_FIELDS } from '../../definitions/cards.js';
import { EXPORT_INDICATORS } from '../../definitions/integrations.js';
import { ORGANISATION_CARD_FIELDS, STAFF_FILL_RATE_FIELDS } from '../people/cardFillRate.js';
import { staffEmployed } from '../people/staffEmployed.js';
import type { PeriodCheckInput } from '../periodCheck.js';
import type { TargetAcademicYear } from '../rollover/targetAcademicYear.js';
import { indicatorGap } from './indicatorStudents.js';

/** What an indicator query is built from. */
export interface IndicatorContext {
  input: PeriodCheckInput;
  /** The moment measured: the deadline, or `asOf` if earlier (an SQL timestamptz). */
  at: FragmentSqlToken;
  /** The local day of that moment. */
  day: string;
  /** The period's local days as instants: [from, to). */
  from: string;
  to: string;
  year: TargetAcademicYear;
}

/**
 * How a control's indicator is measured: a SELECT of `(subject_id, total, done)` over the CTE
 * `territory(subject_id, organisation_id)`, the metric being done / total; `unit` and `doneLabel`
 * name the two counts in Russian.
 */
export interface ControlIndicator {
  unit: string;
  doneLabel: string;
  query(ctx: IndicatorContext): FragmentSqlToken;
}

/**
 * Days a citizen application may wait for its review: five working days (the regional
 * administrative regulations' usual term, and the seed's), as calendar days without holidays.
 */
export const APPLICATION_REVIEW_DAYS = 7;

/** Share of citizen applications of `kinds` submitted in the period and reviewed within the term. */
function applicationsReviewed(kinds: string[]): ControlIndicator {
  return {
    unit: 'заявлений',
    doneLabel: 'рассмотрено в срок',
    query: ({ at, from, to }) => sql.fragment`
      SELECT t.subject_id, count(a.id)::int AS total,
             count(a.id) FILTER (WHERE a.reviewed_at <= a.submitted_at + make_interval(days => ${APPLICATION_REVIEW_DAYS}) AND a.reviewed_at <= ${at})::int AS done
      FROM territory t
      JOIN citizen_applications a ON a.organisation_id = t.organisation_id
      WHERE a.kind = ANY(${sql.array(kinds, 'text')})
        AND a.submitted_at >= ${from}::timestamptz AND a.submitted_at < ${to}::timestamptz AND a.submitted_at <= ${at}
        -- an application still within its term and not yet reviewed is neither on time nor late
        AND (a.reviewed_at <= ${at} OR a.submitted_at + make_interval(days => ${APPLICATION_REVIEW_DAYS}) <= ${at})
      GROUP BY t.subject_id`,
  };
}

/**
 * Share of organisations ready for an admission campaign of `stages` (`kind:stage`) of the
 * deadline's calendar year: a МОУО whose municipal campaign is configured; another organisation
 * whose own campaign is configured (a college) or that has entered its places in a configured one.
 */
function campaignReadiness(stages: string[]): ControlIndicator {
  return {
    unit: 'организаций',
    doneLabel: 'завершили подготовку',
    query: ({ input, at, day }) => sql.fragment`
      SELECT t.subject_id, count(*)::int AS total, count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM admission_campaigns c
        WHERE c.region = ${input.region} AND c.year = ${Number(day.slice(0, 4))} AND (c.kind || ':' || c.stage) = ANY(${sql.array(stages, 'text')})
          AND c.configured_at <= ${at}
          AND (c.organisation_id = o.id
               OR (o.type = 'МОУО' AND c.organisation_id IS NULL AND c.municipality_id = o.municipality_id)
               OR (o.type <> 'МОУО' AND EXISTS (SELECT 1 FROM campaign_places p WHERE p.campaign_id = c.id AND p.organisation_id = o.id AND p.created_at <= ${at})))
      ))::int AS done
      FROM territory t JOIN organisations o ON o.id = t.organisation_id
      GROUP BY t.subject_id`,
  };
}

/** Share of organisations whose latest exchange with `system` (their own, by the moment) succeeded. */
function exportWithoutErrors(system: string): ControlIndicator {
  return {
    unit: 'организаций',
    doneLabel: 'без ошибок выгрузки',
    query: ({ at }) => sql.fragment`
      SELECT t.subject_id, count(*)::int AS total, count(*) FILTER (WHERE x.ok)::int AS done
      FROM territory t
      LEFT JOIN LATERAL (
        SELECT e.ok FROM integration_exchanges e
        WHERE e.system = ${system} AND e.organisation_id = t.organisation_id AND e.exchanged_at <= ${at}
        ORDER BY e.exchanged_at DESC, e.id DESC LIMIT 1
      ) x ON TRUE
      GROUP BY t.subject_id`,
  };
}

const fieldCount = (table: FragmentSqlToken, fields: readonly string[], at: FragmentSqlToken) =>
  sql.fragment`(SELECT count(*) FROM unnest(${sql.array([...fields], 'text')}) AS f WHERE (${table}.field_filled_at ->> f)::timestamptz <= ${at})`;

/**
 * Indicators the operator controls compute from the data, by control key. Controls absent here are
 * done when recorded and carry no metric: the report exports (`profdev_*`,
 * `gifted_achievements_report`), and controls whose data the schema does not hold yet
 * (`attendance_filling`, `dod_coverage`, `applications_navigator_*`, `applications_epgu` — no
 * channel of submission —, `eservices_year_setting`, `spo_free_places` — no share named —,
 * `certificate_nominal`).
 */
export const CONTROL_INDICATORS: Record<string, ControlIndicator> = {
  // Organisations that formed the academic year nearest the deadline and entered graduation or
  // transfer orders of the year before it.
  rollover_progress: {
    unit: 'организаций',
    doneLabel: 'сформировали год и приказы о выпуске и переводе',
    query: ({ at, year }) => sql.fragment`
      SELECT t.subject_id, count(*)::int AS total, count(*) FILTER (WHERE
        EXISTS (SELECT 1 FROM academic_years y WHERE y.organisation_id = t.organisation_id AND y.academic_year = ${year.id} AND y.next_year_created_at <= ${at})
        AND EXISTS (SELECT 1 FROM movement_orders mo WHERE mo.organisation_id = t.organisation_id AND mo.kind IN ('graduation', 'transfer')
                    AND mo.order_date >= ${year.previousStart}::date AND mo.entered_at <= ${at}))::int AS done
      FROM territory t
      GROUP BY t.subject_id`,
  },
  // Filled card fields over all fields: organisation cards and staff cards (the fields of
  // `card_fill_rate`, staff employed on the day), student cards (STUDENT_CARD_FIELDS, on the roll).
  data_completeness: {
    unit: 'полей карточек',
    doneLabel: 'заполнено',
    query: ({ input, at, day }) => sql.fragment`
      SELECT t.subject_id, sum(c.total)::int AS total, sum(c.done)::int AS done
      FROM territory t
      CROSS JOIN LATERAL (
        SELECT ${ORGANISATION_CARD_FIELDS.length}::bigint AS total, ${fieldCount(sql.fragment`g`, ORGANISATION_CARD_FIELDS, at)} AS done
        FROM organisations g WHERE g.id = t.organisation_id
        UNION ALL
        SELECT ${STAFF_FILL_RATE_FIELDS.length} * count(*), coalesce(sum(${fieldCount(sql.fragment`s`, STAFF_FILL_RATE_FIELDS, at)}), 0)
        FROM staff s WHERE s.organisation_id = t.organisation_id AND ${staffEmployed(sql.fragment`${day}::date`, input.asOf)}
        UNION ALL
        SELECT ${STUDENT_CARD_FIELDS.length} * count(*), coalesce(sum(${fieldCount(sql.fragment`st`, STUDENT_CARD_FIELDS, at)}), 0)
        FROM students st WHERE st.organisation_id = t.organisation_id AND st.created_at <= ${at} AND (st.left_at IS NULL OR st.left_at > ${day}::date)
      ) c
      GROUP BY t.subject_id`,
  },
  // ООО with every quarterly-export attribute recorded for every student it applies to.
  quarterly_indicators: {
    unit: 'организаций',
    doneLabel: 'внесли сведения',
    query: ({ at, day }) => sql.fragment`
      SELECT t.subject_id, count(*)::int AS total,
             count(*) FILTER (WHERE NOT ${indicatorGap({ indicators: Object.keys(EXPORT_INDICATORS), organisation: sql.fragment`t.organisation_id`, day, knownBy: at })})::int AS done
      FROM territory t
      GROUP BY t.subject_id`,
  },
  readiness_grade1_stage1: campaignReadiness(['grade1:1']),
  readiness_grade5_10: campaignReadiness(['grade5:1', 'grade10:1']),
  readiness_grade1_stage2: campaignReadiness(['grade1:2']),
  readiness_summer_camp: campaignReadiness(['summer_camp:1']),
  readiness_spo: campaignReadiness(['spo:1']),
  applications_school_campaigns: applicationsReviewed(['grade1', 'grade5', 'grade10']),
  applications_school_current_year: applicationsReviewed(['school']),
  applications_kindergarten: applicationsReviewed(['kindergarten']),
  applications_summer_camp: applicationsReviewed(['summer_camp']),
  applications_spo: applicationsReviewed(['spo']),
  fgis_ddo_export: exportWithoutErrors('fgis_ddo'),
  eais_dod_export: exportWithoutErrors('eais_do'),
};
