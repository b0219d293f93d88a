import { DateTime } from 'luxon';
import { basename } from 'node:path';
import { sql } from 'slonik';
import { z } from 'zod';
import { PUBLIC_DOCUMENT_TITLES } from '../../checks/definitions/documents.js';
import { REGISTER_KIND_NAMES, REGISTER_KINDS, registerKindTitle } from '../../checks/event/register/registerKinds.js';
import { REGIONS } from '../../regions.js';
import { academicYearOf } from '../../time/periods.js';
import type { FieldSpec } from '../csv/csvTable.js';
import { date, identifier, localDateTime, oneOf, text } from '../csv/fieldParsers.js';
import { checkUniqueKeys, counts, ORGANISATION_FIELD, organisationOf, reportAt, type ImportCounts, type ImportKind } from './importKind.js';
import { checkOrganisations } from './organisationCheck.js';
import { fromRow, upsertRows } from './upsertRows.js';

/** E-journal and documents-section events; every other catalog event goes to the event register (see `REGISTER_KINDS`). */
const EVENT_KINDS: Record<string, string> = {
  ...REGISTER_KIND_NAMES,
  урок: 'lesson', занятие: 'lesson', lesson: 'lesson',
  'контрольная работа': 'assessment', контрольная: 'assessment', 'контроль знаний': 'assessment', assessment: 'assessment',
  документ: 'document', 'публикация документа': 'document', document: 'document',
};

/** Register events known ahead of their date; the others cannot be dated after today. */
const MAY_BE_AHEAD = new Set(['event_scheduled', 'academic_year_end', 'employee_last_day', 'reporting_period_end', 'campaign_start']);

const isRegisterKind = (event: string) => REGISTER_KINDS.includes(event);

/** Public document kinds by their Russian names (ЯНАО order № 216, section 3) and keys. */
const DOCUMENT_KINDS: Record<string, string> = {
  ...Object.fromEntries(Object.keys(PUBLIC_DOCUMENT_TITLES).map((k) => [k, k])),
  устав: 'charter', 'учебный план': 'curriculum', 'основная образовательная программа': 'main_programme', 'рабочие программы': 'work_programmes',
  'порядок проведения гиа': 'gia_procedure', 'порядок гиа': 'gia_procedure', 'сроки и формы гиа': 'gia_schedule', 'сроки гиа': 'gia_schedule',
  'результаты экзаменов': 'exam_results', 'локальный акт': 'local_act', local_act: 'local_act',
};

const FIELDS: FieldSpec[] = [
  ORGANISATION_FIELD,
  { key: 'external_id', header: 'Идентификатор', aliases: ['Идентификатор события', 'ID'], required: true, parse: identifier },
  {
    key: 'event', header: 'Событие', aliases: ['Вид события', 'Тип события'], required: true,
    parse: oneOf(EVENT_KINDS, `урок, контрольная работа, документ или событие реестра (${REGISTER_KINDS.map(registerKindTitle).join(', ')})`),
  },
  { key: 'date', header: 'Дата', aliases: ['Дата урока', 'Дата утверждения'], required: true, parse: date(2000, 2100) },
  { key: 'class_name', header: 'Класс', aliases: ['Класс/группа', 'Группа', 'Объединение'], parse: text(100) },
  { key: 'subject', header: 'Предмет', aliases: ['Учебный предмет'], parse: text(200) },
  { key: 'topic_entered_at', header: 'Тема внесена', aliases: ['Время внесения темы'], parse: localDateTime },
  { key: 'attendance_entered_at', header: 'Посещаемость внесена', aliases: ['Время внесения посещаемости'], parse: localDateTime },
  { key: 'document_kind', header: 'Вид документа', parse: oneOf(DOCUMENT_KINDS, `вид документа (устав, учебный план, основная образовательная программа, рабочие программы, порядок ГИА, сроки ГИА, результаты экзаменов, локальный акт)`) },
  { key: 'title', header: 'Название', aliases: ['Наименование документа', 'Заголовок'], parse: text(500) },
  { key: 'published_at', header: 'Опубликован', aliases: ['Дата публикации', 'Размещён'], parse: localDateTime },
];

interface EventRow {
  line: number;
  organisation: string;
  externalId: string;
  /** `lesson`, `assessment`, `document`, or a register kind (a catalog event key). */
  event: string;
  date: string;
  values: Record<string, unknown>;
  classId?: number;
  /** Entry and publication times converted to UTC in the organisation's time zone. */
  times: Record<string, string | null>;
}

const classRow = z.object({ organisation_id: z.string(), academic_year: z.string(), name: z.string(), id: z.number() });

/**
 * `events`: dated events of the e-journal and the documents section, one per row:
 * - «урок» / «контрольная работа» — a lesson of «Класс» on «Дата» with «Предмет», and when its topic
 *   («Тема внесена») and attendance («Посещаемость внесена») were entered;
 * - «документ» — a public document of «Вид документа» and «Название» approved on «Дата» and
 *   «Опубликован» at a time;
 * - any other catalog event («заявка», «лицензия», «изменение сведений», «утверждение документа»,
 *   «мероприятие», …) — a row of the event register: the organisation's event on «Дата», named by
 *   «Идентификатор» (a document or request number, no personal data). Only events known ahead
 *   (a scheduled event, the end of the year, an employee's last day) may be dated after today.
 * Times are local (`ДД.ММ.ГГГГ ЧЧ:ММ`) in the organisation's region. Keyed by organisation and
 * «Идентификатор» (register events: by organisation, kind and «Идентификатор»).
 */
export const eventsImport: ImportKind<EventRow> = {
  name: 'events',
  title: 'события',
  fields: FIELDS,
  prepare(table, ctx) {
    const rows: EventRow[] = [];
    for (const r of table.rows) {
      const organisation = organisationOf(table, r, ctx);
      const v = r.values;
      if (!organisation || !v.external_id || !v.event || !v.date) continue;
      const event = v.event as EventRow['event'];
      let ok = true;
      if (isRegisterKind(event)) {
        if (!MAY_BE_AHEAD.has(event) && (v.date as string) > ctx.today) {
          reportAt(ctx, table, r, 'date', `событие «${registerKindTitle(event)}» датировано будущим днём: такие события вносятся, когда они произошли`);
          continue;
        }
        rows.push({ line: r.line, organisation, externalId: v.external_id as string, event, date: v.date as string, values: v, times: {} });
        continue;
      }
      const need = (field: string, header: string) => {
        if (v[field] === null) {
          reportAt(ctx, table, r, field, `для события «${event === 'document' ? 'документ' : 'урок'}» нужно поле «${header}»`);
          ok = false;
        }
      };
      if (event === 'document') {
        need('document_kind', 'Вид документа');
        need('title', 'Название');
        const published = v.published_at as string | null;
        if (published && published.slice(0, 10) < (v.date as string)) {
          reportAt(ctx, table, r, 'published_at', 'документ опубликован раньше, чем утверждён');
          ok = false;
        }
      } else need('class_name', 'Класс');
      for (const f of ['topic_entered_at', 'attendance_entered_at', 'published_at']) {
        if (v[f] && (v[f] as string).slice(0, 10) > ctx.today) {
          reportAt(ctx, table, r, f, 'время ещё не наступило');
          ok = false;
        }
      }
      if (ok) rows.push({ line: r.line, organisation, externalId: v.external_id as string, event, date: v.date as string, values: v, times: {} });
    }
    // Register events are keyed by kind as well: a request and a licence may share a number.
    return checkUniqueKeys(rows, (r) => `${r.organisation}\u0000${isRegisterKind(r.event) ? r.event : ''}\u0000${r.externalId}`, table, 'external_id', ctx, 'событие с таким идентификатором');
  },
  async resolve(db, rows, table, ctx) {
    const orgs = await checkOrganisations(db, rows, table, ctx);
    for (const r of rows) {
      const zone = REGIONS[orgs.get(r.organisation)?.region ?? '']?.timezone ?? 'Europe/Moscow';
      for (const f of ['topic_entered_at', 'attendance_entered_at', 'published_at']) {
        const local = r.values[f] as string | null;
        r.times[f] = local ? DateTime.fromISO(local, { zone }).toUTC().toISO()! : null;
      }
    }
    const lessons = rows.filter((r) => (r.event === 'lesson' || r.event === 'assessment') && orgs.has(r.organisation));
    const yearOf = (d: string) => `${academicYearOf(d)}/${academicYearOf(d) + 1}`;
    const found = await db.any(sql.type(classRow)`
      SELECT c.organisation_id, c.academic_year, c.name, min(c.id) AS id
      FROM class_groups c
      JOIN unnest(${sql.array(lessons.map((r) => r.organisation), 'text')}, ${sql.array(lessons.map((r) => yearOf(r.date)), 'text')},
                  ${sql.array(lessons.map((r) => r.values.class_name as string), 'text')}) AS u(organisation_id, academic_year, name)
        ON c.organisation_id = u.organisation_id AND c.academic_year = u.academic_year AND c.name = u.name
      GROUP BY c.organisation_id, c.academic_year, c.name`);
    const ids = new Map(found.map((c) => [`${c.organisation_id}\u0000${c.academic_year}\u0000${c.name}`, c.id]));
    for (const r of lessons) {
      const id = ids.get(`${r.organisation}\u0000${yearOf(r.date)}\u0000${String(r.values.class_name)}`);
      if (id === undefined) reportAt(ctx, table, r, 'class_name', `класс «${String(r.values.class_name)}» не найден в организации «${r.organisation}» за ${yearOf(r.date)} учебный год`);
      else r.classId = id;
    }
  },
  async load(tx, rows, _table, ctx) {
    const lessons = rows.filter((r) => r.event === 'lesson' || r.event === 'assessment');
    const documents = rows.filter((r) => r.event === 'document');
    const registered = rows.filter((r) => isRegisterKind(r.event));
    const result: Record<string, ImportCounts> = {};
    if (lessons.length) {
      const source = [['organisation_id', 'text'], ['external_id', 'text'], ['class_group_id', 'int8'], ['lesson_date', 'date'], ['kind', 'text'], ['subject', 'text'], ['topic_entered_at', 'timestamptz'], ['attendance_entered_at', 'timestamptz']] as const;
      const r = await upsertRows(tx, {
        table: 'lessons',
        source,
        target: source.map(([c]) => [c, fromRow(c)] as const),
        conflict: sql.fragment`(organisation_id, external_id) WHERE external_id IS NOT NULL`,
        compared: ['class_group_id', 'lesson_date', 'kind', 'subject', 'topic_entered_at', 'attendance_entered_at'],
      }, lessons.map((l) => [l.organisation, l.externalId, l.classId!, l.date, l.event, (l.values.subject as string | null) ?? null, l.times.topic_entered_at ?? null, l.times.attendance_entered_at ?? null]));
      result['уроки'] = counts(lessons.length, r.inserted, r.updated);
    }
    if (documents.length) {
      const source = [['organisation_id', 'text'], ['external_id', 'text'], ['kind', 'text'], ['title', 'text'], ['approved_on', 'date'], ['published_at', 'timestamptz']] as const;
      const r = await upsertRows(tx, {
        table: 'public_documents',
        source,
        target: source.map(([c]) => [c, fromRow(c)] as const),
        conflict: sql.fragment`(organisation_id, external_id) WHERE external_id IS NOT NULL`,
        compared: ['kind', 'title', 'approved_on', 'published_at'],
      }, documents.map((d) => [d.organisation, d.externalId, d.values.document_kind as string, d.values.title as string, d.date, d.times.published_at ?? null]));
      result['документы'] = counts(documents.length, r.inserted, r.updated);
    }
    if (registered.length) {
      const source = [['organisation_id', 'text'], ['kind', 'text'], ['reference', 'text'], ['event_date', 'date'], ['source', 'text']] as const;
      // A corrected date makes the event new to the sweeps, which judge events entered since their last run.
      const r = await upsertRows(tx, {
        table: 'event_register',
        source,
        target: source.map(([c]) => [c, fromRow(c)] as const),
        conflict: sql.fragment`(organisation_id, kind, reference)`,
        compared: ['event_date'],
        onUpdate: [['entered_at', sql.fragment`now()`]],
      }, registered.map((e) => [e.organisation, e.event, e.externalId, e.date, `csv:${basename(ctx.file)}`]));
      result['события реестра'] = counts(registered.length, r.inserted, r.updated);
    }
    return { counts: result, created: {} };
  },
};
