import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';

const id = z.object({ id: z.number() });

/** Inserts a class (`class`), group (`group`) or association (`association`) and returns its id. */
export async function insertClassGroup(pool: DatabasePool, organisationId: string, opts: { kind?: string; name?: string; grade?: number | null; academicYear?: string } = {}): Promise<number> {
  return pool.oneFirst(sql.type(id)`
    INSERT INTO class_groups (organisation_id, academic_year, kind, name, grade)
    VALUES (${organisationId}, ${opts.academicYear ?? '2023/2024'}, ${opts.kind ?? 'class'}, ${opts.name ?? 'Класс'}, ${opts.grade ?? null}) RETURNING id`);
}

/** Inserts a pupil of `classGroupId` on the roll since `createdAt` (no personal data needed). */
export async function insertPupil(pool: DatabasePool, organisationId: string, classGroupId: number | null, opts: { createdAt?: string; leftAt?: string; leftKnownAt?: string } = {}): Promise<number> {
  const stamps = opts.leftAt ? { left_at: opts.leftKnownAt ?? opts.createdAt ?? '2023-08-01T00:00:00Z' } : {};
  return pool.oneFirst(sql.type(id)`
    INSERT INTO students (organisation_id, last_name, first_name, class_group_id, created_at, updated_at, left_at, field_filled_at)
    VALUES (${organisationId}, 'Учеников', 'Иван', ${classGroupId}, ${opts.createdAt ?? '2023-08-01T00:00:00Z'}, ${opts.createdAt ?? '2023-08-01T00:00:00Z'},
            ${opts.leftAt ?? null}, ${sql.jsonb(stamps)})
    RETURNING id`);
}

/** A movement document of a pupil; requirement values and their stamps are optional. */
export interface OrderOpts {
  kind: string;
  orderDate: string;
  enteredAt: string;
  number?: string;
  applicationDate?: string;
  reason?: string;
  subtype?: string;
  receivingInstitution?: string;
  furtherEducation?: string;
  requirementsMetAt?: Record<string, string>;
}

/** Inserts a movement document and returns its id. */
export async function insertOrder(pool: DatabasePool, organisationId: string, studentId: number, o: OrderOpts): Promise<number> {
  return pool.oneFirst(sql.type(id)`
    INSERT INTO movement_orders (organisation_id, student_id, kind, number, order_date, entered_at, application_date, reason, subtype,
                                 receiving_institution, further_education, requirements_met_at)
    VALUES (${organisationId}, ${studentId}, ${o.kind}, ${o.number ?? `${studentId}-${o.kind}`}, ${o.orderDate}, ${o.enteredAt},
            ${o.applicationDate ?? null}, ${o.reason ?? null}, ${o.subtype ?? null}, ${o.receivingInstitution ?? null},
            ${o.furtherEducation ?? null}, ${sql.jsonb(o.requirementsMetAt ?? {})})
    RETURNING id`);
}
