import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sql } from 'slonik';
import { directoryOf, responsibleDirectory, responsiblePeople } from '../../src/notify/recipients.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await freshDatabase('notify_directory');
  await db.pool.query(sql.unsafe`INSERT INTO municipalities (id, region, name) VALUES ('dm1', 'yanao', 'Первый район'), ('dm2', 'yanao', 'Второй район')`);
  await db.pool.query(sql.unsafe`INSERT INTO organisations (id, region, municipality_id, type, name) VALUES
    ('d-s1', 'yanao', 'dm1', 'ООО', 'Школа 1'), ('d-s2', 'yanao', 'dm1', 'ООО', 'Школа 2'), ('d-s3', 'yanao', 'dm2', 'ООО', 'Школа 3')`);
  await db.pool.query(sql.unsafe`INSERT INTO responsible_people (full_name, email, role, organisation_id, municipality_id, region) VALUES
    ('Директор 1', 'head1@example.org', 'organisation_head', 'd-s1', NULL, NULL),
    ('Завуч 1', 'deputy1@example.org', 'organisation_head', 'd-s1', NULL, NULL),
    ('Директор 2', 'head2@example.org', 'organisation_head', 'd-s2', NULL, NULL),
    ('Директор 3', 'head3@example.org', 'organisation_head', 'd-s3', NULL, NULL),
    ('Оператор района 1', 'mo1@example.org', 'municipal_operator', NULL, 'dm1', NULL),
    ('Оператор района 2', 'mo2@example.org', 'municipal_operator', NULL, 'dm2', NULL),
    ('Региональный оператор', 'ro@example.org', 'regional_operator', NULL, NULL, 'yanao'),
    ('Оператор другого региона', 'ro-x@example.org', 'regional_operator', NULL, NULL, 'sakhalin')`);
});
afterAll(async () => {
  await db?.close();
});

const head = { id: 'organisation_head', scope: 'organisation' } as const;
const mo = { id: 'municipal_operator', scope: 'municipality' } as const;
const ro = { id: 'regional_operator', scope: 'region' } as const;
const school1 = { organisationId: 'd-s1', municipalityId: 'dm1', region: 'yanao' };

describe('the directory of responsible people', () => {
  it('finds the holders of a role at its own level, in directory order', async () => {
    const d = await responsibleDirectory(db.pool, ['organisation_head', 'municipal_operator', 'regional_operator']);
    expect(d.holders(head, school1).map((p) => p.email)).toEqual(['head1@example.org', 'deputy1@example.org']);
    expect(d.holders(mo, school1).map((p) => p.email)).toEqual(['mo1@example.org']);
    expect(d.holders(ro, school1).map((p) => p.email)).toEqual(['ro@example.org']);
    expect(d.holders(head, { organisationId: 'nowhere', municipalityId: 'dm9', region: 'yanao' })).toEqual([]);
    expect(d.holder('mo2@example.org', 'municipal_operator')?.full_name).toBe('Оператор района 2');
    expect(d.holder('mo2@example.org', 'organisation_head')).toBeUndefined();
  });

  it('reads only the part a sweep needs: the people of its organisations and those above them', async () => {
    const part = await responsiblePeople(db.pool, ['organisation_head', 'municipal_operator', 'regional_operator'], { organisations: ['d-s1', 'd-s1'] });
    expect(part.map((p) => p.email)).toEqual(['head1@example.org', 'deputy1@example.org', 'mo1@example.org', 'mo2@example.org', 'ro@example.org', 'ro-x@example.org']);
    const d = directoryOf(part);
    // What the whole directory answers for school 1, the part answers too.
    const whole = await responsibleDirectory(db.pool, ['organisation_head', 'municipal_operator', 'regional_operator']);
    for (const role of [head, mo, ro]) expect(d.holders(role, school1)).toEqual(whole.holders(role, school1));
  });

  it('reads the holders of notices by their e-mail addresses', async () => {
    const part = await responsiblePeople(db.pool, ['organisation_head', 'municipal_operator'], { emails: ['head3@example.org', 'mo1@example.org', 'ro@example.org'] });
    expect(part.map((p) => p.full_name)).toEqual(['Директор 3', 'Оператор района 1']);
  });
});
