import { sql } from 'slonik';
import type { FieldSpec } from '../csv/csvTable.js';
import { date, oneOf, text } from '../csv/fieldParsers.js';
import { checkUniqueKeys, counts, ORGANISATION_FIELD, organisationOf, reportAt, type ImportKind } from './importKind.js';
import { checkOrganisations } from './organisationCheck.js';
import { lookupStudents } from './studentLookup.js';
import { fromRow, upsertRows } from './upsertRows.js';

/** Movement order kinds with the names of the documents in the system (seed 000, section 2). */
const KINDS: Record<string, string> = {
  зачисление: 'enrollment', 'зачисление в школу': 'enrollment', 'зачисление в детсад': 'enrollment', 'зачисление в МОПО': 'enrollment', enrollment: 'enrollment',
  перевод: 'transfer', 'перевод на следующий год': 'transfer', 'перевод на следующий курс': 'transfer', transfer: 'transfer',
  выпуск: 'graduation', выпускники: 'graduation', graduation: 'graduation',
  выбытие: 'dropout', 'выбытие из школы': 'dropout', 'выбытие из детсада': 'dropout', 'выбытие из МОПО': 'dropout', 'выбытие в ОДО': 'dropout', dropout: 'dropout',
};

const FIELDS: FieldSpec[] = [
  ORGANISATION_FIELD,
  { key: 'kind', header: 'Вид приказа', aliases: ['Тип приказа', 'Вид движения', 'Тип документа движения'], required: true, parse: oneOf(KINDS, 'зачисление, перевод, выпуск или выбытие') },
  { key: 'number', header: 'Номер приказа', aliases: ['№ приказа'], required: true, parse: text(50) },
  { key: 'order_date', header: 'Дата приказа', required: true, parse: date(2000, 2100) },
  { key: 'student', header: 'Обучающийся', aliases: ['Идентификатор обучающегося', 'Номер личного дела', 'Личное дело обучающегося'], required: true, personal: true, parse: text(100) },
  { key: 'reason', header: 'Причина', aliases: ['Основание', 'Причина движения', 'Причина выбытия'], parse: text(500) },
];

interface OrderRow {
  line: number;
  organisation: string;
  kind: string;
  number: string;
  orderDate: string;
  student: string;
  reason: string | null;
  studentId?: number;
}

/**
 * `orders`: movement orders (enrollment, transfer, graduation, dropout) with number, date and
 * reason. A student is named by external id or personal-file number and must exist in the
 * organisation. Keyed by organisation, kind, number and student; the entry time is when the order
 * is first imported.
 */
export const ordersImport: ImportKind<OrderRow> = {
  name: 'orders',
  title: 'приказы о движении',
  fields: FIELDS,
  prepare(table, ctx) {
    const rows: OrderRow[] = [];
    for (const r of table.rows) {
      const organisation = organisationOf(table, r, ctx);
      const v = r.values;
      if (v.order_date && (v.order_date as string) > ctx.today) {
        reportAt(ctx, table, r, 'order_date', `дата приказа «${(v.order_date as string).split('-').reverse().join('.')}» ещё не наступила`);
        continue;
      }
      if (!organisation || !v.kind || !v.number || !v.order_date || !v.student) continue;
      rows.push({ line: r.line, organisation, kind: v.kind as string, number: v.number as string, orderDate: v.order_date as string, student: v.student as string, reason: (v.reason as string | null) ?? null });
    }
    return checkUniqueKeys(rows, (r) => [r.organisation, r.kind, r.number, r.student].join('\u0000'), table, 'number', ctx, 'приказ с этими видом, номером и обучающимся');
  },
  async resolve(db, rows, table, ctx) {
    const orgs = await checkOrganisations(db, rows, table, ctx);
    const matches = await lookupStudents(db, rows.filter((r) => orgs.has(r.organisation)).map((r) => ({ organisation: r.organisation, key: r.student })));
    for (const r of rows) {
      const m = matches.get(`${r.organisation}\u0000${r.student}`);
      if (!m) continue;
      if ('id' in m) r.studentId = m.id;
      else if ('missing' in m) reportAt(ctx, table, r, 'student', `обучающийся не найден в организации «${r.organisation}» ни по идентификатору, ни по номеру личного дела`);
      else reportAt(ctx, table, r, 'student', `номер личного дела не однозначен в организации «${r.organisation}»: укажите идентификатор обучающегося`);
    }
  },
  async load(tx, rows, table) {
    const withReason = table.columns.has('reason');
    const source = [['organisation_id', 'text'], ['student_id', 'int8'], ['kind', 'text'], ['number', 'text'], ['order_date', 'date'], ...(withReason ? [['reason', 'text'] as const] : [])] as const;
    const r = await upsertRows(tx, {
      table: 'movement_orders',
      source,
      target: source.map(([c]) => [c, fromRow(c)] as const),
      conflict: sql.fragment`(organisation_id, kind, number, student_id)`,
      compared: ['order_date', ...(withReason ? ['reason'] : [])],
    }, rows.map((o) => [o.organisation, o.studentId!, o.kind, o.number, o.orderDate, ...(withReason ? [o.reason] : [])]));
    return { counts: { 'приказы о движении': counts(rows.length, r.inserted, r.updated) }, created: {} };
  },
};
