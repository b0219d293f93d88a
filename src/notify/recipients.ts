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

/** Everyone holding one of `roles` (the directory of responsible people is small). */
export async function responsiblePeople(db: CommonQueryMethods, roles: string[]): Promise<readonly ResponsiblePerson[]> {
  return db.any(sql.type(person)`
    SELECT full_name, email, role, organisation_id, municipality_id, region
    FROM responsible_people WHERE role = ANY(${sql.array(roles, 'text')}) ORDER BY id`);
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

/** The directory of everyone holding one of `roles`, indexed (`directoryOf`). */
export async function responsibleDirectory(db: CommonQueryMethods, roles: string[]): Promise<Directory> {
  return directoryOf(await responsiblePeople(db, roles));
}
