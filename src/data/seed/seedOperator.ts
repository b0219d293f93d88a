import { DateTime } from 'luxon';
import { sql, type DatabaseTransactionConnection, type FragmentSqlToken } from 'slonik';
import { z } from 'zod';
import { EXPORT_INDICATORS } from '../../checks/definitions/integrations.js';
import { INDICATOR_GRADES } from '../../checks/period/operator/indicatorStudents.js';
import { pad, type RegionPlan } from './planRegion.js';
import { chance, int, outcomeOf, rngFor, type Fate, type Rng } from './prng.js';
import { dayOf, minutesBetween, officeMinutes, type SeedContext } from './seedContext.js';
import { INTEGRATION_FAILURE_SHARE, PROFDEV_SHARE, RATES } from './seedRates.js';

/** One-off operator controls of the Chelyabinsk plan for 2024 (приказ № 047371): control, `MM-DD`. */
const ONE_OFF_CONTROLS: [string, string][] = [
  ['certificate_nominal', '02-05'], ['data_completeness', '02-16'], ['readiness_grade1_stage1', '03-04'], ['data_completeness', '03-15'],
  ['readiness_summer_camp', '03-25'], ['gifted_achievements_report', '04-26'], ['profdev_research_applications', '04-29'],
  ['readiness_grade5_10', '05-27'], ['readiness_spo', '05-29'], ['profdev_research_applications', '06-03'], ['profdev_research_questionnaire', '06-03'],
  ['readiness_grade1_stage2', '07-01'], ['rollover_progress', '08-12'], ['spo_free_places', '08-19'], ['rollover_progress', '08-23'],
  ['profdev_programme_registry', '09-02'], ['eservices_year_setting', '09-09'], ['profdev_reserve_diagnostics', '12-02'],
];

/** Monthly controls on the month's last working day, with the months they run in (all when absent). */
const MONTH_END_CONTROLS: [string, number[]?][] = [
  ['attendance_filling'], ['applications_school_current_year'], ['applications_kindergarten'], ['applications_navigator_programmes'],
  ['applications_navigator_events'], ['applications_epgu'], ['applications_spo', [6, 7, 8, 9, 10, 11]],
];

/** Monthly snapshots «на 1 число»: due on the first day of their own month, not moved. */
const MONTH_START_CONTROLS = ['dod_coverage', 'fgis_ddo_export', 'eais_dod_export'];

/** Weekly controls on the week's last working day. */
const WEEKLY_CONTROLS = ['applications_school_campaigns', 'applications_summer_camp'];

/** Report exports after the assessment months (on the 1st of the next month) and the route months (their last day). */
const ASSESSMENT_REPORTS = ['profdev_assessment_applications', 'profdev_assessment_results'];
const ROUTE_REPORTS = ['profdev_iom_recommended', 'profdev_iom_formal_route', 'profdev_iom_potential_listeners'];

/**
 * Writes the regional operator's controls of the Chelyabinsk plan for the calendar year the seeded
 * academic year starts in (`monitoring_submissions`, tier regional), each filed under the period id
 * its rule judges (the control's date for one-off controls), with the punctuality of
 * `RATES.operatorControl`: on its day, 1–5 days late, or never.
 */
export function seedOperatorControls(ctx: SeedContext): void {
  const rnd = rngFor(ctx.seed, 'operator-controls');
  const { clock, year: Y } = ctx;
  const add = (control: string, period: string, dueDay: number) => {
    const outcome = outcomeOf(rnd, RATES.operatorControl);
    if (outcome === 'never') return;
    const day = outcome === 'onTime' ? dueDay : dueDay + int(rnd, 1, 5);
    ctx.w.add('monitoring_submissions', [null, ctx.region, 'regional', control, period, clock.at(day, officeMinutes(rnd))]);
  };
  for (const [control, mmdd] of ONE_OFF_CONTROLS) {
    const due = clock.workingOnOrAfter(dayOf(ctx, mmdd));
    add(control, clock.date(due), due);
  }
  for (let m = 1; m <= 12; m++) {
    const month = `${Y}-${pad(m, 2)}`;
    const monthEnd = clock.workingOnOrBefore(clock.day(DateTime.fromISO(`${month}-01`).endOf('month').toISODate()!));
    for (const [control, months] of MONTH_END_CONTROLS) if (!months || months.includes(m)) add(control, month, monthEnd);
    for (const control of MONTH_START_CONTROLS) add(control, month, clock.day(`${month}-01`));
    if (m === 3 || m === 10) for (const control of ASSESSMENT_REPORTS) add(control, month, clock.workingOnOrAfter(monthEnd + 1));
    if (m === 4 || m === 11) for (const control of ROUTE_REPORTS) add(control, month, clock.day(DateTime.fromISO(`${month}-01`).endOf('month').toISODate()!));
    if (m % 3 === 1) add('quarterly_indicators', `${m === 1 ? Y - 1 : Y}-Q${m === 1 ? 4 : (m - 1) / 3}`, clock.day(`${month}-01`));
  }
  for (let monday = DateTime.fromISO(`${Y}-01-01`).startOf('week'); monday.year <= Y; monday = monday.plus({ weeks: 1 })) {
    const week = `${monday.weekYear}-W${pad(monday.weekNumber, 2)}`;
    const due = clock.workingOnOrBefore(clock.day(monday.plus({ days: 6 }).toISODate()!));
    for (const control of WEEKLY_CONTROLS) add(control, week, due);
  }
}

/** An instant for an outcome of `fate` between the given days, or null for `never`. */
function stepAt(ctx: SeedContext, rnd: Rng, fate: Fate, onTime: [number, number], late: [number, number]): string | null {
  const outcome = outcomeOf(rnd, fate);
  if (outcome === 'never') return null;
  const [from, to] = outcome === 'onTime' ? onTime : late;
  return ctx.clock.at(ctx.clock.workingBetween(rnd(), from, to), officeMinutes(rnd));
}

/**
 * Writes the professional-development module's records of the calendar year (`profdev_records`):
 * in `PROFDEV_SHARE` of the organisations one or two employees apply to the research (April–May) and
 * to the competence assessment (March, October); the operator decides on each application within
 * ten days (one in ten rejected); an approved applicant fills the questionnaire or writes the
 * diagnostic; the organisation's reserve is diagnosed in September–November; recommended routes
 * (March, November) are followed by formal ones. Each step keeps the punctuality of
 * `RATES.profdevStep`: within its window, up to two weeks late, or never.
 */
export function seedProfdev(ctx: SeedContext, plan: RegionPlan): void {
  const { clock } = ctx;
  const day = (mmdd: string) => dayOf(ctx, mmdd);
  for (const org of plan.organisations) {
    const rnd = rngFor(ctx.seed, 'profdev', org.index);
    if (!chance(rnd, PROFDEV_SHARE)) continue;
    const row = (staff: string | null, step: string, at: string, rejected = false) => ctx.w.add('profdev_records', [org.id, staff, step, rejected, at]);
    // Employees 0002–0005 exist in every organisation (the smallest staff has five).
    const applicants = [pad(int(rnd, 2, 3), 4), ...(chance(rnd, 0.5) ? [pad(int(rnd, 4, 5), 4)] : [])];
    const procedure = (apply: string, approve: string, follow: string, from: number, to: number) => {
      for (const staff of applicants) {
        const applied = stepAt(ctx, rnd, RATES.profdevStep, [from, to - 3], [to + 1, to + 14]);
        if (!applied) continue;
        row(staff, apply, applied);
        const appliedDay = clock.day(applied.slice(0, 10));
        const rejected = chance(rnd, 0.1);
        const decided = clock.at(clock.addWorkingDays(appliedDay, int(rnd, 0, 8)), officeMinutes(rnd));
        row(staff, approve, decided, rejected);
        if (rejected) continue;
        const decidedDay = clock.day(decided.slice(0, 10));
        const done = stepAt(ctx, rnd, RATES.profdevStep, [Math.min(decidedDay, to), Math.max(decidedDay, to)], [Math.max(decidedDay, to) + 1, Math.max(decidedDay, to) + 14]);
        if (done) row(staff, follow, done);
      }
    };
    procedure('research_applications', 'research_approval', 'research_questionnaire', day('04-01'), day('05-31'));
    procedure('assessment_applications', 'assessment_approval', 'assessment_diagnostic', day('03-01'), day('03-31'));
    procedure('assessment_applications', 'assessment_approval', 'assessment_diagnostic', day('10-01'), day('10-31'));
    const reserve = stepAt(ctx, rnd, RATES.profdevStep, [day('09-01'), day('11-30')], [day('12-01'), day('12-14')]);
    if (reserve) row(pad(1, 4), 'reserve_diagnostics', reserve);
    for (const [from, to] of [[day('03-01'), day('03-31')], [day('11-01'), day('11-30')]] as const) {
      const recommended = stepAt(ctx, rnd, RATES.profdevStep, [from, to - 5], [to + 1, to + 14]);
      if (!recommended) continue;
      row(applicants[0]!, 'iom_recommended', recommended);
      const start = clock.day(recommended.slice(0, 10));
      const formal = stepAt(ctx, rnd, RATES.profdevStep, [start, Math.max(start, to)], [Math.max(start, to) + 1, Math.max(start, to) + 14]);
      if (formal) row(applicants[0]!, 'iom_formal_route', formal);
    }
  }
}

/**
 * Writes each organisation's monthly uploads to ЕАИС ДО (and, for kindergartens, to ФГИС ДДО) on
 * the 1st–3rd working day: a share `INTEGRATION_FAILURE_SHARE` fails and is retried with the
 * punctuality of `RATES.exportErrorFix` (within 5 days, 6–20 days later, or never).
 */
export function seedOrganisationExports(ctx: SeedContext, plan: RegionPlan): void {
  const { clock } = ctx;
  for (const org of plan.organisations) {
    const rnd = rngFor(ctx.seed, 'organisation-exports', org.index);
    const systems = org.type === 'ДОО' ? ['fgis_ddo', 'eais_do'] : ['eais_do'];
    for (let m = 0; m < 12; m++) {
      const first = clock.day(DateTime.fromISO(`${ctx.year}-09-01`).plus({ months: m }).toISODate()!);
      for (const system of systems) {
        const day = clock.addWorkingDays(clock.workingOnOrAfter(first), int(rnd, 0, 2));
        const ok = !chance(rnd, INTEGRATION_FAILURE_SHARE * 3);
        ctx.w.add('integration_exchanges', [system, org.id, clock.at(day, minutesBetween(rnd, 1, 5)), ok, ctx.region]);
        if (ok) continue;
        const retry = stepAt(ctx, rnd, RATES.exportErrorFix, [day + 1, day + 5], [day + 6, day + 20]);
        if (retry) ctx.w.add('integration_exchanges', [system, org.id, retry, true, ctx.region]);
      }
    }
  }
}

/** SQL: a uniform number in [0, 1) from the seed and `key`, for set-based fates. */
function uniform(seed: number, salt: string, key: FragmentSqlToken): FragmentSqlToken {
  return sql.fragment`(('x' || substr(md5(${`${seed}:${salt}:`} || ${key}), 1, 8))::bit(32)::bigint / 4294967296.0)`;
}

/** SQL: the outcome (`onTime`, `late`, `never`) of `fate` for a uniform number `u`. */
function fateOf(u: FragmentSqlToken, fate: Fate): FragmentSqlToken {
  return sql.fragment`(CASE WHEN ${u} < ${fate.onTime} THEN 'onTime' WHEN ${u} < ${fate.onTime + fate.late} THEN 'late' ELSE 'never' END)`;
}

const counted = z.object({ imports: z.number(), fixes: z.number(), marks: z.number(), blocked: z.number() });

/**
 * Facts that follow rows already written, generated set-based in the database once every batch is
 * flushed, with fates drawn from the seed and each row's natural key (so the same seed gives the
 * same rows): the import of each ГИА publication for every school with a class of its grade
 * (`RATES.examImport`: within the hour, 1–10 hours later, or never); a clean re-upload after each
 * contingent upload with discrepancies (`RATES.exportErrorFix`); the quarterly-export attributes of
 * students (`RATES.indicatorMark`: by the end of September, October–November, or never); and the
 * blocking of the accounts of dismissed staff and withdrawn students (`RATES.accountBlocking`: on
 * the day of the ground, 1–10 days later, or never). Returns the rows written per table.
 */
export async function seedOperatorFacts(tx: DatabaseTransactionConnection, ctx: SeedContext): Promise<Record<string, number>> {
  const zone = ctx.clock.zone;
  const u = (salt: string, key: FragmentSqlToken) => uniform(ctx.seed, salt, key);
  const indicators = Object.keys(EXPORT_INDICATORS);
  const result = await tx.one(sql.type(counted)`
    WITH imports AS (
      INSERT INTO exam_result_imports (publication_id, organisation_id, imported_at, results)
      SELECT x.id, x.organisation_id,
             x.published_at + CASE WHEN x.fate = 'onTime' THEN make_interval(mins => (5 + floor(x.v * 50))::int)
                                   ELSE make_interval(mins => (61 + floor(x.v * 540))::int) END,
             (5 + floor(x.v * 40))::int
      FROM (
        SELECT p.id, g.id AS organisation_id, p.published_at, ${fateOf(u('exam-import', sql.fragment`p.exam || p.subject || g.id`), RATES.examImport)} AS fate,
               ${u('exam-import-time', sql.fragment`p.exam || p.subject || g.id`)} AS v
        FROM exam_result_publications p
        JOIN organisations g ON g.region = p.region AND g.type = 'ООО'
        WHERE p.region = ${ctx.region}
          AND EXISTS (SELECT 1 FROM class_groups cg WHERE cg.organisation_id = g.id AND cg.grade = p.grade AND cg.academic_year = ${ctx.yearId})
      ) x
      WHERE x.fate <> 'never'
      RETURNING 1
    ),
    fixes AS (
      INSERT INTO contingent_exports (organisation_id, exported_at, records, discrepancies)
      SELECT x.organisation_id,
             x.exported_at + CASE WHEN x.fate = 'onTime' THEN make_interval(days => (1 + floor(x.v * 5))::int)
                                  ELSE make_interval(days => (6 + floor(x.v * 15))::int) END,
             x.records, 0
      FROM (
        SELECT e.organisation_id, e.exported_at, e.records, ${fateOf(u('export-fix', sql.fragment`e.organisation_id || e.exported_at::text`), RATES.exportErrorFix)} AS fate,
               ${u('export-fix-time', sql.fragment`e.organisation_id || e.exported_at::text`)} AS v
        FROM contingent_exports e JOIN organisations g ON g.id = e.organisation_id
        WHERE g.region = ${ctx.region} AND e.discrepancies > 0
      ) x
      WHERE x.fate <> 'never'
      RETURNING 1
    ),
    marks AS (
      INSERT INTO student_indicator_marks (student_id, indicator, value, marked_at)
      SELECT x.id, x.indicator, x.v < 0.3,
             CASE WHEN x.fate = 'onTime' THEN greatest(x.created_at, ${`${ctx.year}-09-01T09:00:00`}::timestamp AT TIME ZONE ${zone}) + make_interval(days => floor(x.v * 25)::int)
                  ELSE (${`${ctx.year}-10-02T09:00:00`}::timestamp AT TIME ZONE ${zone}) + make_interval(days => floor(x.v * 60)::int) END
      FROM (
        SELECT st.id, st.created_at, ind.indicator, ${fateOf(u('indicator', sql.fragment`st.organisation_id || st.external_id || ind.indicator`), RATES.indicatorMark)} AS fate,
               ${u('indicator-time', sql.fragment`st.organisation_id || st.external_id || ind.indicator`)} AS v
        FROM students st
        JOIN organisations g ON g.id = st.organisation_id AND g.region = ${ctx.region} AND g.type = 'ООО'
        JOIN class_groups cg ON cg.id = st.class_group_id
        JOIN unnest(${sql.array(indicators, 'text')}::text[], ${sql.array(indicators.map((i) => INDICATOR_GRADES[i]![0]), 'int4')}::int[],
                    ${sql.array(indicators.map((i) => INDICATOR_GRADES[i]![1]), 'int4')}::int[]) AS ind(indicator, lo, hi)
          ON cg.grade BETWEEN ind.lo AND ind.hi
      ) x
      WHERE x.fate <> 'never'
      RETURNING 1
    ),
    blocked_staff AS (
      UPDATE staff s
      SET account_blocked_at = CASE WHEN x.fate = 'onTime' THEN greatest(s.dismissal_entered_at, (s.dismissal_date + time '17:00') AT TIME ZONE ${zone})
                                    ELSE (s.dismissal_date + time '10:00' + make_interval(days => (1 + floor(x.v * 10))::int)) AT TIME ZONE ${zone} END
      FROM (
        SELECT s2.id, ${fateOf(u('block-staff', sql.fragment`s2.organisation_id || s2.external_id`), RATES.accountBlocking)} AS fate,
               ${u('block-staff-time', sql.fragment`s2.organisation_id || s2.external_id`)} AS v
        FROM staff s2 JOIN organisations g ON g.id = s2.organisation_id
        WHERE g.region = ${ctx.region} AND s2.dismissal_date IS NOT NULL
      ) x
      WHERE s.id = x.id AND x.fate <> 'never'
      RETURNING 1
    ),
    blocked_students AS (
      UPDATE students st
      SET account_blocked_at = CASE WHEN x.fate = 'onTime' THEN greatest(x.entered_at, (x.order_date + time '17:00') AT TIME ZONE ${zone})
                                    ELSE (x.order_date + time '10:00' + make_interval(days => (1 + floor(x.v * 10))::int)) AT TIME ZONE ${zone} END
      FROM (
        SELECT DISTINCT ON (o.student_id) o.student_id, o.order_date, o.entered_at,
               ${fateOf(u('block-student', sql.fragment`o.organisation_id || s3.external_id`), RATES.accountBlocking)} AS fate,
               ${u('block-student-time', sql.fragment`o.organisation_id || s3.external_id`)} AS v
        FROM movement_orders o JOIN organisations g ON g.id = o.organisation_id JOIN students s3 ON s3.id = o.student_id
        WHERE g.region = ${ctx.region} AND o.kind = 'dropout'
        ORDER BY o.student_id, o.order_date
      ) x
      WHERE st.id = x.student_id AND x.fate <> 'never'
      RETURNING 1
    )
    SELECT (SELECT count(*)::int FROM imports) AS imports, (SELECT count(*)::int FROM fixes) AS fixes,
           (SELECT count(*)::int FROM marks) AS marks,
           (SELECT count(*)::int FROM blocked_staff) + (SELECT count(*)::int FROM blocked_students) AS blocked`);
  return {
    exam_result_imports: result.imports, contingent_export_fixes: result.fixes, student_indicator_marks: result.marks, accounts_blocked: result.blocked,
  };
}
