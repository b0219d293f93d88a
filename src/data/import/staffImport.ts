import { sql } from 'slonik';
import { addDays } from '../../time/isoDate.js';
import type { FieldSpec } from '../csv/csvTable.js';
import { date, identifier, nameText, personalText, phone, sex, snils, text } from '../csv/fieldParsers.js';
import { checkUniqueKeys, counts, ORGANISATION_FIELD, organisationOf, reportAt, type ImportKind } from './importKind.js';
import { checkOrganisations } from './organisationCheck.js';
import { claimRecords, matchByNumber } from './matchByNumber.js';
import { resolveNumbers } from './resolveNumbers.js';
import { fromRow, upsertRows } from './upsertRows.js';

/** A passport as one cell: 4-digit series and 6-digit number, `1234 567890`. */
const passport: FieldSpec['parse'] = (t, title) => {
  const d = t.replace(/[\s№-]/g, '');
  return /^\d{10}$/.test(d) ? { value: `${d.slice(0, 4)} ${d.slice(4)}` } : { reason: `${title}: ожидаются серия (4 цифры) и номер (6 цифр) паспорта` };
};

const FIELDS: FieldSpec[] = [
  ORGANISATION_FIELD,
  { key: 'external_id', header: 'Идентификатор', aliases: ['Идентификатор сотрудника', 'Внешний идентификатор'], parse: identifier },
  { key: 'personnel_no', header: 'Табельный номер', aliases: ['Таб. номер', 'Таб номер'], parse: identifier },
  { key: 'last_name', header: 'Фамилия', required: true, personal: true, parse: nameText },
  { key: 'first_name', header: 'Имя', required: true, personal: true, parse: nameText },
  { key: 'middle_name', header: 'Отчество', personal: true, parse: nameText },
  { key: 'birth_date', header: 'Дата рождения', parse: date(1930, 2100) },
  { key: 'sex', header: 'Пол', parse: sex },
  { key: 'citizenship', header: 'Гражданство', parse: text(100) },
  { key: 'residence_address', header: 'Место жительства', aliases: ['Адрес проживания'], personal: true, parse: personalText(300) },
  { key: 'registration_address', header: 'Место регистрации', aliases: ['Адрес регистрации'], personal: true, parse: personalText(300) },
  { key: 'home_phone', header: 'Домашний телефон', aliases: ['Телефон'], personal: true, parse: phone },
  { key: 'main_position', header: 'Основная должность', aliases: ['Должность'], parse: text(200) },
  { key: 'education_level', header: 'Образование', aliases: ['Уровень образования'], parse: text(200) },
  { key: 'snils', header: 'СНИЛС', personal: true, parse: snils },
  { key: 'passport', header: 'Паспорт', aliases: ['Паспортные данные', 'Серия и номер паспорта'], personal: true, parse: passport },
  { key: 'hire_date', header: 'Дата приема на работу', aliases: ['Дата приёма на работу', 'Дата приема', 'Дата приёма'], required: true, parse: date(1960, 2100) },
  { key: 'hire_order_no', header: 'Номер приказа о приеме', aliases: ['№ приказа о приеме', '№ приказа о приёме', 'Номер приказа о приёме', 'Приказ о приеме'], parse: text(50) },
  { key: 'dismissal_date', header: 'Дата увольнения', parse: date(1960, 2100) },
];

/** Columns of `staff` a file may set (besides the key). */
const COLUMNS: [string, string][] = [
  ['personnel_no', 'text'], ['last_name', 'text'], ['first_name', 'text'], ['middle_name', 'text'], ['birth_date', 'date'], ['sex', 'text'],
  ['citizenship', 'text'], ['residence_address', 'text'], ['registration_address', 'text'], ['home_phone', 'text'], ['main_position', 'text'],
  ['education_level', 'text'], ['snils', 'text'], ['passport', 'text'], ['hire_date', 'date'], ['hire_order_no', 'text'], ['dismissal_date', 'date'],
];

interface StaffRow {
  line: number;
  organisation: string;
  key: string;
  /** Keyed by the personnel number (no external id in the file). */
  byNumber: boolean;
  /** An existing staff member without an external id that this row updates. */
  claim?: number;
  values: Record<string, unknown>;
}

/**
 * `staff`: staff cards, keyed by organisation and «Идентификатор» (else «Табельный номер»). The
 * hire and the dismissal count as entered in the system when first imported (`hire_entered_at`,
 * `dismissal_entered_at`); card fill times are stamped by the database.
 */
export const staffImport: ImportKind<StaffRow> = {
  name: 'staff',
  title: 'сотрудники',
  fields: FIELDS,
  prepare(table, ctx) {
    const rows: StaffRow[] = [];
    for (const r of table.rows) {
      const organisation = organisationOf(table, r, ctx);
      const key = (r.values.external_id ?? r.values.personnel_no) as string | null;
      if (!key) reportAt(ctx, table, r, table.columns.has('personnel_no') ? 'personnel_no' : 'external_id', 'нет ни идентификатора, ни табельного номера: по ним запись находится при повторном импорте');
      const v = r.values;
      if (v.birth_date && (v.birth_date as string) > ctx.today) reportAt(ctx, table, r, 'birth_date', `дата рождения «${String(v.birth_date)}» ещё не наступила`);
      if (v.hire_date && (v.hire_date as string) > addDays(ctx.today, 31)) reportAt(ctx, table, r, 'hire_date', `дата приема на работу «${String(v.hire_date)}» — больше чем через месяц`);
      if (v.hire_date && v.birth_date && (v.hire_date as string) < addDays(v.birth_date as string, 14 * 365)) reportAt(ctx, table, r, 'hire_date', 'дата приема на работу раньше 14-летия сотрудника');
      if (v.dismissal_date && v.hire_date && (v.dismissal_date as string) < (v.hire_date as string)) reportAt(ctx, table, r, 'dismissal_date', 'дата увольнения раньше даты приема на работу');
      if (organisation && key) rows.push({ line: r.line, organisation, key, byNumber: v.external_id === null, values: v });
    }
    return checkUniqueKeys(rows, (r) => `${r.organisation}\u0000${r.key}`, table, table.columns.has('external_id') ? 'external_id' : 'personnel_no', ctx, 'сотрудник с таким идентификатором (табельным номером)');
  },
  async resolve(db, rows, table, ctx) {
    await checkOrganisations(db, rows, table, ctx);
    resolveNumbers(rows, await matchByNumber(db, 'staff', 'personnel_no', rows.filter((r) => r.byNumber).map((r) => ({ organisation: r.organisation, number: r.key }))), table, ctx, 'personnel_no', 'табельный номер');
  },
  async load(tx, rows, table) {
    const claimed = await claimRecords(tx, 'staff', rows.flatMap((r) => (r.claim === undefined ? [] : [{ id: r.claim, key: r.key }])));
    const present = COLUMNS.filter(([c]) => table.columns.has(c));
    const source = [['organisation_id', 'text'], ['external_id', 'text'], ...present] as const;
    const hire = table.columns.has('hire_date');
    const dismissal = table.columns.has('dismissal_date');
    const r = await upsertRows(tx, {
      table: 'staff',
      source,
      target: [
        ...source.map(([c]) => [c, fromRow(c)] as const),
        ...(hire ? [['hire_entered_at', sql.fragment`CASE WHEN u.hire_date IS NULL THEN NULL ELSE now() END`] as const] : []),
        ...(dismissal ? [['dismissal_entered_at', sql.fragment`CASE WHEN u.dismissal_date IS NULL THEN NULL ELSE now() END`] as const] : []),
      ],
      conflict: sql.fragment`(organisation_id, external_id) WHERE external_id IS NOT NULL`,
      compared: present.map(([c]) => c),
      onUpdate: [
        ['updated_at', sql.fragment`now()`],
        // Entered when first known; a later correction of the date does not move it.
        ...(hire ? [['hire_entered_at', sql.fragment`CASE WHEN EXCLUDED.hire_date IS NULL THEN staff.hire_entered_at ELSE coalesce(staff.hire_entered_at, now()) END`] as const] : []),
        ...(dismissal ? [['dismissal_entered_at', sql.fragment`CASE WHEN EXCLUDED.dismissal_date IS NULL THEN NULL ELSE coalesce(staff.dismissal_entered_at, now()) END`] as const] : []),
      ],
    }, rows.map((row) => [row.organisation, row.key, ...present.map(([c]) => row.values[c] ?? null)]));
    const created: Record<string, number> = {};
    if (claimed) created['сопоставлено с имеющимися по табельному номеру'] = claimed;
    return { counts: { сотрудники: counts(rows.length, r.inserted, r.updated) }, created };
  },
};
