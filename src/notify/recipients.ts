import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';

const person = z.object({
  full_name: z.string(),
  email: z.string(),
  role: z.string(),
  organisation_id: z.string().nullable(),
  municipality_id: z.string().nullable(),
  region: z.string().nullable(),
});
export type ResponsiblePerson = z.infer<typeof person>;

/**
 * Which part of the directory a caller needs: the people of these organisations (and everyone not
 * attached to an organisation: municipal and regional roles), or the people with these e-mail
 * addresses. Absent: everyone holding the roles.
 */
export interface DirectoryPart {
  organisations?: readonly string[];
  emails?: readonly string[];
}

/**
 * Everyone holding one of `roles`, or only `part` of them. A region's directory holds a head for
 * each of its thousands of organisations, and a sweep with a few cases due needs a few of them.
 */
export async function responsiblePeople(db: CommonQueryMethods, roles: string[], part: DirectoryPart = {}): Promise<readonly ResponsiblePerson[]> {
  const only = [sql.fragment`role = ANY(${sql.array(roles, 'text')})`];
  if (part.organisations) only.push(sql.fragment`(organisation_id IS NULL OR organisation_id = ANY(${sql.array([...new Set(part.organisations)], 'text')}))`);
  if (part.emails) only.push(sql.fragment`email = ANY(${sql.array([...new Set(part.emails)], 'text')})`);
  return db.any(sql.type(person)`
    SELECT full_name, email, role, organisation_id, municipality_id, region
    FROM responsible_people WHERE ${sql.join(only, sql.fragment` AND `)} ORDER BY id`);
}

/** A role and the level it sits at. */
type ScopedRole = { id: string; scope: 'organisation' | 'municipality' | 'region' };

/** The subject a holder is looked up for: its organisation, municipality and region. */
export interface HolderSubject {
  organisationId: string;
  municipalityId: string;
  region: string;
}

/** The directory of responsible people, indexed for the lookups a sweep makes per case. */
export interface Directory {
  /** The holders of `role` at the level the role sits at, for one subject's organisation (in directory order). */
  holders(role: ScopedRole, subject: HolderSubject): readonly ResponsiblePerson[];
  /** The holder of `role` with this e-mail address, if there is one. */
  holder(email: string, role: string): ResponsiblePerson | undefined;
}

const NONE: readonly ResponsiblePerson[] = [];

/**
 * Indexes `people` by role and organisation, municipality and region, and by e-mail and role, so
 * that a sweep escalating thousands of cases looks each holder up in constant time instead of
 * scanning the directory per case.
 */
export function directoryOf(people: readonly ResponsiblePerson[]): Directory {
  const byPlace = new Map<string, ResponsiblePerson[]>();
  const byEmail = new Map<string, ResponsiblePerson>();
  const add = (key: string, p: ResponsiblePerson) => {
    const list = byPlace.get(key);
    if (list) list.push(p);
    else byPlace.set(key, [p]);
  };
  for (const p of people) {
    if (p.organisation_id !== null) add(`${p.role}\u0000organisation\u0000${p.organisation_id}`, p);
    if (p.municipality_id !== null) add(`${p.role}\u0000municipality\u0000${p.municipality_id}`, p);
    if (p.region !== null) add(`${p.role}\u0000region\u0000${p.region}`, p);
    const key = `${p.email}\u0000${p.role}`;
    if (!byEmail.has(key)) byEmail.set(key, p);
  }
  return {
    holders(role, subject) {
      const place = role.scope === 'organisation' ? subject.organisationId : role.scope === 'municipality' ? subject.municipalityId : subject.region;
      return byPlace.get(`${role.id}\u0000${role.scope}\u0000${place}`) ?? NONE;
    },
    holder: (email, role) => byEmail.get(`${email}\u0000${role}`),
  };
}

/** The directory of everyone holding one of `roles` (or `part` of it), indexed (`directoryOf`). */
export async function responsibleDirectory(db: CommonQueryMethods, roles: string[], part?: DirectoryPart): Promise<Directory> {
  return directoryOf(await responsiblePeople(db, roles, part));
}
