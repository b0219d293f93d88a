import { createHash } from 'node:crypto';
import { sql } from 'slonik';
import { z } from 'zod';
import { addDays } from '../../time/isoDate.js';
import { academicYearOf } from '../../time/periods.js';
import type { FieldSpec, Table, TableRow } from '../csv/csvTable.js';
import {
  birthCertificateSeries, date, documentNumber, healthGroup, identifier, nameText, passportSeries, personalText, phone, recordNumber, sex, snils, text,
} from '../csv/fieldParsers.js';
import { checkUniqueKeys, counts, ORGANISATION_FIELD, organisationOf, reportAt, type ImportContext, type ImportKind } from './importKind.js';
import { checkOrganisations } from './organisationCheck.js';
import { claimRecords, matchByNumber } from './matchByNumber.js';
import { resolveNumbers } from './resolveNumbers.js';
import { fromRow, upsertRows } from './upsertRows.js';

/** A passport in one cell (parents): series and number, `1234 567890`. */
const passportInOneCell: FieldSpec['parse'] = (t, title) => {
  const d = t.replace(/[\s№-]/g, '');
  return /^\d{10}$/.test(d) ? { value: `${d.slice(0, 4)} ${d.slice(4)}` } : { reason: `${title}: ожидаются серия (4 цифры) и номер (6 цифр) паспорта` };
};

/** The columns of parent `n` («Родитель 1: Фамилия»; the first parent also as «Фамилия родителя»). */
function parentFields(n: 1 | 2): FieldSpec[] {
  const p = `Родитель ${n}`;
  const alt = (what: string) => (n === 1 ? [`Родитель: ${what}`, `${what} родителя`, `${what} родителя 1`, `Законный представитель: ${what}`] : [`${what} родителя 2`, `Законный представитель 2: ${what}`]);
  return [
    { key: `p${n}_last_name`, header: `${p}: Фамилия`, aliases: alt('Фамилия'), personal: true, parse: nameText },
    { key: `p${n}_first_name`, header: `${p}: Имя`, aliases: alt('Имя'), personal: true, parse: nameText },
    { key: `p${n}_middle_name`, header: `${p}: Отчество`, aliases: alt('Отчество'), personal: true, parse: nameText },
    { key: `p${n}_phone`, header: `${p}: Телефон`, aliases: alt('Телефон'), personal: true, parse: phone },
    { key: `p${n}_birth_date`, header: `${p}: Дата рождения`, aliases: alt('Дата рождения'), personal: true, parse: date(1920, 2100) },
    { key: `p${n}_snils`, header: `${p}: СНИЛС`, aliases: alt('СНИЛС'), personal: true, parse: snils },
    { key: `p${n}_passport`, header: `${p}: Паспорт`, aliases: alt('Паспорт'), personal: true, parse: passportInOneCell },
  ];
}

/**
 * The student-import sheet of seed 002 (slide 7): «Объединение», «Фамилия», «Имя», «Отчество»,
 * «Дата рождения», «Пол», the identity documents («Паспорт»: Серия, Номер, Дата выдачи, Кем выдан;
 * «Свидетельство о рождении»: Серия, № Св-ва, Когда выдано, Кем выдано, Номер актовой записи) and
 * «Категория не зачисленных», plus optional card fields, the key columns and up to two parents.
 */
const FIELDS: FieldSpec[] = [
  ORGANISATION_FIELD,
  { key: 'external_id', header: 'Идентификатор', aliases: ['Идентификатор обучающегося', 'Внешний идентификатор'], parse: identifier },
  { key: 'personal_file_no', header: 'Номер личного дела', aliases: ['№ личного дела', 'Личное дело'], parse: identifier },
  { key: 'association', header: 'Объединение', aliases: ['Класс', 'Группа', 'Класс/группа', 'Объединение/группа'], parse: text(100) },
  { key: 'last_name', header: 'Фамилия', required: true, personal: true, parse: nameText },
  { key: 'first_name', header: 'Имя', required: true, personal: true, parse: nameText },
  { key: 'middle_name', header: 'Отчество', personal: true, parse: nameText },
  { key: 'birth_date', header: 'Дата рождения', required: true, parse: date(1940, 2100) },
  { key: 'sex', header: 'Пол', parse: sex },
  { key: 'passport_series', header: 'Паспорт: Серия', aliases: ['Серия паспорта'], personal: true, parse: passportSeries },
  { key: 'passport_number', header: 'Паспорт: Номер', aliases: ['Номер паспорта'], personal: true, parse: documentNumber },
  { key: 'passport_issued_on', header: 'Паспорт: Дата выдачи', aliases: ['Дата выдачи паспорта'], personal: true, parse: date(1950, 2100) },
  { key: 'passport_issued_by', header: 'Паспорт: Кем выдан', aliases: ['Кем выдан паспорт', 'Кем выдан'], personal: true, parse: personalText(300) },
  { key: 'certificate_series', header: 'Свидетельство о рождении: Серия', aliases: ['Серия свидетельства о рождении'], personal: true, parse: birthCertificateSeries },
  { key: 'certificate_number', header: 'Свидетельство о рождении: Номер', aliases: ['Свидетельство о рождении: № Св-ва', '№ Св-ва', 'Номер свидетельства о рождении'], personal: true, parse: documentNumber },
  { key: 'certificate_issued_on', header: 'Свидетельство о рождении: Когда выдано', aliases: ['Свидетельство о рождении: Дата выдачи', 'Когда выдано', 'Дата выдачи свидетельства о рождении'], personal: true, parse: date(1940, 2100) },
  { key: 'certificate_issued_by', header: 'Свидетельство о рождении: Кем выдано', aliases: ['Кем выдано', 'Кем выдано свидетельство о рождении'], personal: true, parse: personalText(300) },
  { key: 'birth_record_no', header: 'Номер актовой записи о рождении', aliases: ['Номер актовой записи', 'Свидетельство о рождении: Номер актовой записи'], personal: true, parse: recordNumber },
  { key: 'category', header: 'Категория не зачисленных', required: true, parse: text(200) },
  { key: 'citizenship', header: 'Гражданство', parse: text(100) },
  { key: 'snils', header: 'СНИЛС', personal: true, parse: snils },
  { key: 'home_phone', header: 'Домашний телефон', aliases: ['Телефон'], personal: true, parse: phone },
  { key: 'health_group', header: 'Группа здоровья', parse: healthGroup },
  ...parentFields(1),
  ...parentFields(2),
];

/** Student columns: target column, type, and how the row gives it. */
const STUDENT_COLUMNS: [column: string, type: string, field: string][] = [
  ['last_name', 'text', 'last_name'], ['first_name', 'text', 'first_name'], ['middle_name', 'text', 'middle_name'], ['birth_date', 'date', 'birth_date'],
  ['sex', 'text', 'sex'], ['citizenship', 'text', 'citizenship'], ['home_phone', 'text', 'home_phone'], ['personal_file_no', 'text', 'personal_file_no'],
  ['snils', 'text', 'snils'], ['health_group', 'text', 'health_group'], ['passport', 'text', 'passport_series'],
  ['passport_issued_on', 'date', 'passport_issued_on'], ['passport_issued_by', 'text', 'passport_issued_by'], ['birth_certificate', 'text', 'certificate_series'],
  ['birth_certificate_issued_on', 'date', 'certificate_issued_on'], ['birth_certificate_issued_by', 'text', 'certificate_issued_by'],
  ['birth_record_no', 'text', 'birth_record_no'], ['non_enrolled_category', 'text', 'category'],
];
const PARENT_COLUMNS = ['last_name', 'first_name', 'middle_name', 'phone', 'birth_date', 'snils', 'passport'] as const;

interface StudentRow {
  line: number;
  organisation: string;
  key: string;
  /** Keyed by the personal-file number (no external id in the file). */
  byNumber: boolean;
  /** An existing student without an external id that this row updates. */
  claim?: number;
  values: Record<string, unknown>;
  passport: string | null;
  certificate: string | null;
  parents: { no: number; values: Record<string, unknown> }[];
}

/**
 * `students`: students with their parents, from the student-import sheet. Keyed by organisation and
 * «Идентификатор», else «Номер личного дела», else the identity document (stored as a hash, never
 * the number itself); parents by student and position (1, 2). An «Объединение» (class, group) the
 * organisation lacks for the current academic year is created. Columns absent from the file are
 * left as they are.
 */
export const studentsImport: ImportKind<StudentRow> = {
  name: 'students',
  title: 'обучающиеся',
  fields: FIELDS,
  prepare(table, ctx) {
    const rows: StudentRow[] = [];
    for (const r of table.rows) {
      const organisation = organisationOf(table, r, ctx);
      const v = r.values;
      const documents = checkDocuments(table, r, ctx);
      const parents = [1, 2].flatMap((n) => {
        const values = Object.fromEntries(PARENT_COLUMNS.map((c) => [c, v[`p${n}_${c}`] ?? null]));
        if (Object.values(values).every((x) => x === null)) return [];
        for (const need of ['last_name', 'first_name'] as const) {
          if (values[need] === null && !r.invalid.has(`p${n}_${need}`) && table.columns.has(`p${n}_${need}`)) reportAt(ctx, table, r, `p${n}_${need}`, `родитель ${n}: не заполнено поле «${need === 'last_name' ? 'Фамилия' : 'Имя'}»`);
        }
        return [{ no: n, values }];
      });
      const key = (v.external_id as string | null) ?? (v.personal_file_no as string | null) ?? (documents?.certificate ?? documents?.passport ? `doc:${createHash('sha256').update(documents.certificate ?? documents.passport ?? '').digest('hex').slice(0, 20)}` : null);
      const byNumber = v.external_id === null && v.personal_file_no !== null;
      if (organisation && key && documents) rows.push({ line: r.line, organisation, key, byNumber, values: v, passport: documents.passport, certificate: documents.certificate, parents });
    }
    return checkUniqueKeys(rows, (r) => `${r.organisation}\u0000${r.key}`, table, table.columns.has('external_id') ? 'external_id' : table.columns.has('personal_file_no') ? 'personal_file_no' : 'certificate_number', ctx, 'обучающийся с таким идентификатором (номером личного дела, документом)');
  },
  async resolve(db, rows, table, ctx) {
    await checkOrganisations(db, rows, table, ctx);
    resolveNumbers(rows, await matchByNumber(db, 'students', 'personal_file_no', rows.filter((r) => r.byNumber).map((r) => ({ organisation: r.organisation, number: r.key }))), table, ctx, 'personal_file_no', 'номер личного дела');
  },
  async load(tx, rows, table, ctx) {
    const claimed = await claimRecords(tx, 'students', rows.flatMap((r) => (r.claim === undefined ? [] : [{ id: r.claim, key: r.key }])));
    const year = academicYearOf(ctx.today);
    const academicYear = `${year}/${year + 1}`;
    const withClass = table.columns.has('association');
    let createdGroups = 0;
    if (withClass) {
      const pairs = [...new Set(rows.filter((r) => r.values.association !== null).map((r) => `${r.organisation}\u0000${String(r.values.association)}`))].map((p) => p.split('\u0000'));
      createdGroups = await tx.oneFirst(sql.type(z.object({ n: z.number() }))`
        WITH wanted AS (
          SELECT * FROM unnest(${sql.array(pairs.map((p) => p[0]!), 'text')}, ${sql.array(pairs.map((p) => p[1]!), 'text')}) AS w(organisation_id, name)
        ), added AS (
          INSERT INTO class_groups (organisation_id, academic_year, kind, name)
          SELECT w.organisation_id, ${academicYear}, CASE g.type WHEN 'ОДО' THEN 'association' WHEN 'ООО' THEN 'class' ELSE 'group' END, w.name
          FROM wanted w JOIN organisations g ON g.id = w.organisation_id
          WHERE NOT EXISTS (SELECT 1 FROM class_groups c WHERE c.organisation_id = w.organisation_id AND c.academic_year = ${academicYear} AND c.name = w.name)
          RETURNING 1
        ) SELECT count(*)::int AS n FROM added`);
    }
    const present = STUDENT_COLUMNS.filter(([, , field]) => table.columns.has(field) || (field === 'passport_series' && table.columns.has('passport_number')) || (field === 'certificate_series' && table.columns.has('certificate_number')));
    const source = [['organisation_id', 'text'], ['external_id', 'text'], ...present.map(([c, t]) => [c, t] as const), ...(withClass ? [['class_name', 'text'] as const] : [])] as const;
    const classExpr = sql.fragment`(SELECT min(c.id) FROM class_groups c WHERE c.organisation_id = u.organisation_id AND c.academic_year = ${academicYear} AND c.name = u.class_name)`;
    const compared = [...present.map(([c]) => c), ...(withClass ? ['class_group_id'] : [])];
    const students = await upsertRows(tx, {
      table: 'students',
      source,
      target: [
        ...source.filter(([c]) => c !== 'class_name').map(([c]) => [c, fromRow(c)] as const),
        ...(withClass ? [['class_group_id', classExpr] as const] : []),
      ],
      conflict: sql.fragment`(organisation_id, external_id) WHERE external_id IS NOT NULL`,
      compared,
      onUpdate: [['updated_at', sql.fragment`now()`]],
    }, rows.map((r) => [
      r.organisation, r.key,
      ...present.map(([c, , field]) => (c === 'passport' ? r.passport : c === 'birth_certificate' ? r.certificate : r.values[field] ?? null)),
      ...(withClass ? [r.values.association ?? null] : []),
    ]));

    const parentColumns = PARENT_COLUMNS.filter((c) => table.columns.has(`p1_${c}`) || table.columns.has(`p2_${c}`));
    const parentRows = rows.flatMap((r) => r.parents.map((p) => [r.organisation, r.key, p.no, ...parentColumns.map((c) => p.values[c] ?? null)]));
    const parentTypes: Record<string, string> = { birth_date: 'date' };
    const parentSource = [['organisation_id', 'text'], ['student_external_id', 'text'], ['parent_no', 'int2'], ...parentColumns.map((c) => [c, parentTypes[c] ?? 'text'] as const)] as const;
    const parents = parentRows.length === 0 ? { inserted: 0, updated: 0 } : await upsertRows(tx, {
      table: 'parents',
      source: parentSource,
      target: [['student_id', sql.fragment`s.id`], ['parent_no', fromRow('parent_no')], ...parentColumns.map((c) => [c, fromRow(c)] as const)],
      join: sql.fragment`JOIN students s ON s.organisation_id = u.organisation_id AND s.external_id = u.student_external_id`,
      conflict: sql.fragment`(student_id, parent_no) WHERE parent_no IS NOT NULL`,
      compared: [...parentColumns],
      onUpdate: [['updated_at', sql.fragment`now()`]],
    }, parentRows);
    const created: Record<string, number> = {};
    if (createdGroups) created['создано классов, групп и объединений'] = createdGroups;
    if (claimed) created['сопоставлено с имеющимися по номеру личного дела'] = claimed;
    const result: Record<string, ReturnType<typeof counts>> = { обучающиеся: counts(rows.length, students.inserted, students.updated) };
    if (parentRows.length) result['родители'] = counts(parentRows.length, parents.inserted, parents.updated);
    return { counts: result, created };
  },
};

/**
 * Checks the identity documents of a row: at least one complete document (birth certificate: series,
 * number, issuing office and record number; passport: series, number, issuing authority), issue
 * dates after birth (a passport from 14). Returns the documents as stored (`III-ТО 123456`,
 * `1234 567890`) or null when the row cannot be imported.
 */
function checkDocuments(table: Table, r: TableRow, ctx: ImportContext): { passport: string | null; certificate: string | null } | null {
  const v = r.values;
  let ok = true;
  const need = (field: string, what: string) => {
    if (r.invalid.has(field)) ok = false;
    else if (v[field] === null) {
      reportAt(ctx, table, r, field, `${what}: не заполнено поле «${FIELDS.find((f) => f.key === field)!.header}»`);
      ok = false;
    }
  };
  const birth = v.birth_date as string | null;
  if (birth && birth > ctx.today) {
    reportAt(ctx, table, r, 'birth_date', `дата рождения «${birth.split('-').reverse().join('.')}» ещё не наступила`);
    ok = false;
  }
  const hasPassport = ['passport_series', 'passport_number', 'passport_issued_on', 'passport_issued_by'].some((f) => v[f] !== null);
  const hasCertificate = ['certificate_series', 'certificate_number', 'certificate_issued_on', 'certificate_issued_by', 'birth_record_no'].some((f) => v[f] !== null);
  if (!hasPassport && !hasCertificate) {
    const column = ['certificate_series', 'passport_series'].find((f) => table.columns.has(f)) ?? 'last_name';
    reportAt(ctx, table, r, column, 'нет документа, удостоверяющего личность: заполните свидетельство о рождении или паспорт');
    return null;
  }
  if (hasPassport) {
    need('passport_series', 'паспорт');
    need('passport_number', 'паспорт');
    need('passport_issued_by', 'паспорт');
    const issued = v.passport_issued_on as string | null;
    if (issued && birth && issued < addDays(birth, 14 * 365)) {
      reportAt(ctx, table, r, 'passport_issued_on', 'паспорт выдан раньше 14-летия');
      ok = false;
    }
  }
  if (hasCertificate) {
    need('certificate_series', 'свидетельство о рождении');
    need('certificate_number', 'свидетельство о рождении');
    need('certificate_issued_by', 'свидетельство о рождении');
    need('birth_record_no', 'свидетельство о рождении');
    const issued = v.certificate_issued_on as string | null;
    if (issued && birth && issued < birth) {
      reportAt(ctx, table, r, 'certificate_issued_on', 'свидетельство о рождении выдано раньше даты рождения');
      ok = false;
    }
  }
  if (!ok) return null;
  return {
    passport: hasPassport ? `${String(v.passport_series)} ${String(v.passport_number)}` : null,
    certificate: hasCertificate ? `${String(v.certificate_series)} ${String(v.certificate_number)}` : null,
  };
}
