import { SUBJECTS } from './names.js';
import { bandIsJournaled, type ClassDef, type Skeleton } from './orgSkeleton.js';
import type { OrganisationPlan } from './planRegion.js';
import { chance, int, outcomeOf, pickOne, rngFor, shuffled, weighted } from './prng.js';
import type { ClassMembers } from './seedStudents.js';
import { dayOf, minutesBetween, officeMinutes, type SeedContext } from './seedContext.js';
import { RATES } from './seedRates.js';

/** Lessons per journaled class and day. */
export const LESSONS_PER_DAY = 4;
/** Share of journaled lessons that are assessments (контрольные работы). */
export const ASSESSMENT_SHARE = 0.12;
/** Share of a class marked in an ordinary lesson and in an assessment. */
const MARKED_SHARE = { lesson: 0.25, assessment: 0.9 };
const MARK_VALUES = [['5', 0.35], ['4', 0.4], ['3', 0.2], ['2', 0.05]] as const;

/**
 * The classes whose journal is generated: up to `ctx.journalClasses` schooled classes (school classes,
 * college groups) per organisation, so that lesson and mark volume stays bounded at any scale.
 */
export function journaledClasses(ctx: SeedContext, org: OrganisationPlan, skeleton: Skeleton): Set<number> {
  const rnd = rngFor(ctx.seed, 'journal-pick', org.index);
  const candidates = skeleton.classes.map((c, i) => [c, i] as const).filter(([c]) => bandIsJournaled(c.band) && c.size > 0).map(([, i]) => i);
  return new Set(shuffled(rnd, candidates).slice(0, ctx.journalClasses));
}

/**
 * The working days whose lessons are journaled: `count` days spread evenly over the study year
 * (2 September – 23 May), the same for every organisation.
 */
export function journalDays(ctx: SeedContext, count: number): number[] {
  const from = ctx.clock.workingOnOrAfter(dayOf(ctx, '09-02'));
  const to = dayOf(ctx, '05-23', 1);
  const days: number[] = [];
  for (let k = 0; k < count; k++) {
    const d = ctx.clock.workingOnOrAfter(from + Math.floor(((to - from) * k) / Math.max(1, count)));
    if (days[days.length - 1] !== d) days.push(d);
  }
  return days;
}

/**
 * Generates the e-journal of the sampled classes: lessons with topic, homework and attendance entry times,
 * marks with their entry times (per lesson, by `RATES.marks`), and period marks per student.
 */
export function seedJournal(ctx: SeedContext, org: OrganisationPlan, skeleton: Skeleton, classIds: Map<string, number>, members: ClassMembers): void {
  const rnd = rngFor(ctx.seed, 'journal', org.index);
  const { clock } = ctx;
  for (const [ci, students] of members) {
    const c = skeleton.classes[ci]!;
    const classId = classIds.get(c.name) ?? null;
    if (classId === null) continue;
    const subjects = c.band === 'primary' ? SUBJECTS.primary : c.band === 'vocational' ? SUBJECTS.vocational : SUBJECTS.basic;
    const marked = c.grade !== 1 || c.band === 'vocational'; // first grade is taught without marks
    for (const day of ctx.journalDays) {
      const date = clock.date(day);
      for (let k = 1; k <= LESSONS_PER_DAY; k++) {
        const kind = chance(rnd, ASSESSMENT_SHARE) ? 'assessment' : 'lesson';
        const topic = outcomeOf(rnd, RATES.lessonTopic);
        const topicAt = topic === 'never' ? null : clock.at(topic === 'onTime' ? day : day + int(rnd, 5, 15), topic === 'onTime' ? minutesBetween(rnd, 13, 21) : officeMinutes(rnd));
        const attendanceAt = topicAt === null ? null : new Date(Date.parse(topicAt) + int(rnd, 0, 10) * 60_000).toISOString();
        const externalId = `L-${c.name}-${date}-${k}`;
        // Homework goes in with the topic, a few minutes later (no draw, so the rest of the journal does not shift).
        const homeworkAt = topicAt === null ? null : new Date(Date.parse(topicAt) + (1 + ((k * 7 + day) % 15)) * 60_000).toISOString();
        ctx.w.add('lessons', [org.id, externalId, classId, date, kind, pickOne(rnd, subjects), topicAt, attendanceAt, homeworkAt]);
        if (!marked) continue;
        const late = outcomeOf(rnd, RATES.marks) !== 'onTime';
        const markDay = kind === 'assessment' ? day + (late ? int(rnd, 11, 20) : int(rnd, 0, 7)) : late ? day + int(rnd, 5, 15) : day;
        const share = MARKED_SHARE[kind];
        for (const ext of students) {
          if (!chance(rnd, share)) continue;
          ctx.w.add('marks', [org.id, externalId, ext, weighted(rnd, MARK_VALUES), clock.at(markDay, markDay === day ? minutesBetween(rnd, 13, 22) : officeMinutes(rnd))]);
        }
      }
    }
    if (marked) seedPeriodMarks(ctx, org, c, students, rnd);
  }
}

function seedPeriodMarks(ctx: SeedContext, org: OrganisationPlan, c: ClassDef, students: string[], rnd: () => number): void {
  const { clock } = ctx;
  const college = c.band === 'vocational';
  const periods: [string, string, number][] = college
    ? [['h1', '12-27', 0], ['h2', '06-27', 1], ['year', '06-27', 1]]
    : (c.grade ?? 0) >= 10
      ? [['h1', '12-27', 0], ['h2', '05-23', 1], ['year', '05-26', 1]]
      : [['q1', '10-25', 0], ['q2', '12-27', 0], ['q3', '03-21', 1], ['q4', '05-23', 1], ['year', '05-26', 1]];
  for (const [period, end, offset] of periods) {
    const endDay = clock.workingOnOrBefore(dayOf(ctx, end, offset));
    const fate = outcomeOf(rnd, RATES.periodMarks);
    if (fate === 'never') continue;
    const day = endDay + (fate === 'onTime' ? int(rnd, 0, 3) : int(rnd, 5, 15));
    for (const ext of students) ctx.w.add('period_marks', [org.id, ext, ctx.yearId, period, c.grade, weighted(rnd, MARK_VALUES), clock.at(day, officeMinutes(rnd))]);
  }
}
