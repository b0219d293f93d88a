import { sql } from 'slonik';
import { z } from 'zod';
import type { Pipeline } from './bulkWriter.js';
import { orgSkeleton, type Skeleton } from './orgSkeleton.js';
import type { OrganisationPlan, RegionPlan } from './planRegion.js';
import { int, outcomeOf, rngFor } from './prng.js';
import { dayOf, officeMinutes, type SeedContext } from './seedContext.js';
import { nextYearCreatedDay } from './seedOrgYear.js';
import { RATES } from './seedRates.js';
import { requirementsMetAt } from './requirementsMetAt.js';

/** Ids of the current year's classes (groups, associations): organisation → class name → id. */
export type ClassIds = Map<string, Map<string, number>>;

/** Organisations whose programmes and classes are inserted per round trip. */
const CHUNK = 400;

const programmeRow = z.object({ id: z.number(), organisation_id: z.string(), name: z.string() });
const classRow = z.object({ id: z.number(), organisation_id: z.string(), academic_year: z.string(), name: z.string() });

/** Requirements (keys of CLASS_GROUP_REQUIREMENTS) that apply to a class, a group and an association. */
const REQUIREMENTS_BY_KIND: Record<string, readonly string[]> = {
  class: ['profile', 'teacher', 'subgroups', 'class_teacher', 'subject_teachers'],
  group: ['profile', 'teacher', 'class_teacher'],
  association: ['profile', 'teacher'],
};

/**
 * Inserts every organisation's programmes and the classes (groups, associations) of the current and
 * the next academic year, and returns the current classes' ids, which students, plans and lessons
 * refer to. Current classes are formed in summer per `RATES.classGroups`; next year's right after
 * the next year was formed. Also returns row counts.
 */
export async function seedStructure(ctx: SeedContext, plan: RegionPlan, pipeline: Pipeline): Promise<{ classIds: ClassIds; programmes: number; classGroups: number }> {
  const classIds: ClassIds = new Map();
  let programmes = 0;
  let classGroups = 0;
  for (let start = 0; start < plan.organisations.length; start += CHUNK) {
    const chunk = plan.organisations.slice(start, start + CHUNK).map((org) => [org, orgSkeleton(org, ctx.seed)] as const);
    const programmeIds = await insertProgrammes(ctx, chunk, pipeline);
    programmes += programmeIds.size;
    const rows = await insertClasses(ctx, chunk, programmeIds, pipeline);
    classGroups += rows.length;
    for (const r of rows) {
      if (r.academic_year !== ctx.yearId) continue;
      let ids = classIds.get(r.organisation_id);
      if (!ids) classIds.set(r.organisation_id, (ids = new Map()));
      ids.set(r.name, r.id);
    }
  }
  return { classIds, programmes, classGroups };
}

async function insertProgrammes(ctx: SeedContext, chunk: readonly (readonly [OrganisationPlan, Skeleton])[], pipeline: Pipeline): Promise<Map<string, number>> {
  const { clock } = ctx;
  const cols = { org: [] as string[], name: [] as string[], kind: [] as string[], created: [] as string[], published: [] as (string | null)[] };
  for (const [org, skeleton] of chunk) {
    const rnd = rngFor(ctx.seed, 'programmes', org.index);
    for (const p of skeleton.programmes) {
      const createdDay = p.longstanding ? dayOf(ctx, '08-20', -int(rnd, 1, 6)) : clock.workingBetween(rnd(), dayOf(ctx, '06-01'), dayOf(ctx, '08-31'));
      const fate = p.longstanding ? 'onTime' : outcomeOf(rnd, RATES.publicDocument);
      cols.org.push(org.id);
      cols.name.push(p.name);
      cols.kind.push(p.kind);
      cols.created.push(clock.at(createdDay, officeMinutes(rnd)));
      cols.published.push(fate === 'never' ? null : clock.at(createdDay + (fate === 'onTime' ? int(rnd, 0, 3) : int(rnd, 4, 20)), officeMinutes(rnd)));
    }
  }
  if (cols.org.length === 0) return new Map();
  cols.org.forEach((org, i) => ctx.w.note('programmes', [org, cols.name[i]!, cols.kind[i]!, cols.created[i]!, cols.published[i] ?? null]));
  const rows = await pipeline.run<z.infer<typeof programmeRow>>(sql.type(programmeRow)`
    INSERT INTO programmes (organisation_id, name, kind, created_at, published_at)
    SELECT * FROM unnest(${sql.array(cols.org, 'text')}, ${sql.array(cols.name, 'text')}, ${sql.array(cols.kind, 'text')},
                         ${sql.array(cols.created, 'timestamptz')}, ${sql.array(cols.published, 'timestamptz')})
    RETURNING id, organisation_id, name`);
  return new Map(rows.map((r) => [`${r.organisation_id}|${r.name}`, r.id]));
}

async function insertClasses(ctx: SeedContext, chunk: readonly (readonly [OrganisationPlan, Skeleton])[], programmeIds: Map<string, number>, pipeline: Pipeline): Promise<readonly z.infer<typeof classRow>[]> {
  const { clock } = ctx;
  const cols = { org: [] as string[], year: [] as string[], kind: [] as string[], name: [] as string[], grade: [] as (number | null)[], programme: [] as (number | null)[], created: [] as string[], updated: [] as string[], requirements: [] as string[] };
  let requirementsRnd = rngFor(ctx.seed, 'class-requirements', 0);
  const push = (org: OrganisationPlan, year: string, c: { kind: string; name: string; grade: number | null; programme: string | null }, createdDay: number, rnd: () => number) => {
    const created = clock.at(createdDay, officeMinutes(rnd));
    // Requirements come from their own stream, so the classes themselves do not depend on them.
    const dueDay = dayOf(ctx, '08-31', year === ctx.yearId ? 0 : 1);
    cols.requirements.push(requirementsMetAt(ctx, requirementsRnd, RATES.classRequirements, REQUIREMENTS_BY_KIND[c.kind] ?? [], createdDay, created, dueDay));
    cols.org.push(org.id);
    cols.year.push(year);
    cols.kind.push(c.kind);
    cols.name.push(c.name);
    cols.grade.push(c.grade);
    cols.programme.push(c.programme === null ? null : programmeIds.get(`${org.id}|${c.programme}`) ?? null);
    cols.created.push(created);
    cols.updated.push(new Date(Date.parse(created) + int(rnd, 0, 20) * 86_400_000).toISOString());
  };
  for (const [org, skeleton] of chunk) {
    const rnd = rngFor(ctx.seed, 'classes', org.index);
    requirementsRnd = rngFor(ctx.seed, 'class-requirements', org.index);
    for (const c of skeleton.classes) {
      const fate = outcomeOf(rnd, RATES.classGroups);
      const day = fate === 'onTime' ? clock.workingBetween(rnd(), dayOf(ctx, '06-01'), dayOf(ctx, '08-31')) : clock.workingBetween(rnd(), dayOf(ctx, '09-01'), dayOf(ctx, '09-15'));
      push(org, ctx.yearId, c, day, rnd);
    }
    const nextDay = nextYearCreatedDay(ctx, org, skeleton);
    if (nextDay === null) continue;
    const nextYear = `${ctx.year + 1}/${ctx.year + 2}`;
    for (const c of skeleton.nextClasses) push(org, nextYear, c, clock.addWorkingDays(nextDay, int(rnd, 0, 5)), rnd);
  }
  if (cols.org.length === 0) return [];
  cols.org.forEach((org, i) => ctx.w.note('class_groups', [org, cols.year[i]!, cols.kind[i]!, cols.name[i]!, cols.grade[i] ?? null, cols.created[i]!, cols.updated[i]!, cols.requirements[i]!]));
  return pipeline.run<z.infer<typeof classRow>>(sql.type(classRow)`
    INSERT INTO class_groups (organisation_id, academic_year, kind, name, grade, programme_id, created_at, updated_at, requirements_met_at)
    SELECT * FROM unnest(${sql.array(cols.org, 'text')}, ${sql.array(cols.year, 'text')}, ${sql.array(cols.kind, 'text')},
                         ${sql.array(cols.name, 'text')}, ${sql.array(cols.grade, 'int4')}, ${sql.array(cols.programme, 'int8')},
                         ${sql.array(cols.created, 'timestamptz')}, ${sql.array(cols.updated, 'timestamptz')}, ${sql.array(cols.requirements, 'jsonb')})
    RETURNING id, organisation_id, academic_year, name`);
}
