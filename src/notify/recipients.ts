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

/** The holders of `role` at the level the role sits at, for one subject's organisation. */
export function holdersFor(
  people: readonly ResponsiblePerson[],
  role: { id: string; scope: 'organisation' | 'municipality' | 'region' },
  subject: { organisationId: string; municipalityId: string; region: string },
): ResponsiblePerson[] {
  return people.filter((p) =>
    p.role === role.id &&
    (role.scope === 'organisation' ? p.organisation_id === subject.organisationId
      : role.scope === 'municipality' ? p.municipality_id === subject.municipalityId
      : p.region === subject.region));
}
