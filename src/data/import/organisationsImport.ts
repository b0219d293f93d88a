import { sql } from 'slonik';
import { z } from 'zod';
import { REGIONS } from '../../regions.js';
import type { FieldSpec } from '../csv/csvTable.js';
import { date, decimal, email, identifier, inn, oneOf, personalText, phone, text, url } from '../csv/fieldParsers.js';
import { checkUniqueKeys, counts, reportAt, type ImportKind } from './importKind.js';
import { fromRow, upsertRows } from './upsertRows.js';

/** Organisation types, with the longer spellings found in registries. */
const TYPES: Record<string, string> = {
  ДОО: 'ДОО', ООО: 'ООО', ОДО: 'ОДО', ПОО: 'ПОО', ДОЛ: 'ДОЛ', ДПО: 'ДПО', МОУО: 'МОУО', РО: 'РО',
  'дошкольная образовательная организация': 'ДОО', 'общеобразовательная организация': 'ООО',
  'организация дополнительного образования': 'ОДО', 'профессиональная образовательная организация': 'ПОО',
  'детский оздоровительный лагерь': 'ДОЛ', 'муниципальный орган управления образованием': 'МОУО', 'региональный оператор': 'РО',
};

const REGION_NAMES: Record<string, string> = Object.fromEntries(Object.values(REGIONS).flatMap((r) => [[r.id, r.id], [r.name, r.id]]));

/**
 * Organisation-card fields: the columns of `organisations` a file may set. Their fill times go to
 * `organisations.field_filled_at` (when each was first filled), as for person cards.
 */
const CARD_FIELDS = ['name', 'short_name', 'inn', 'licence_date', 'head_name', 'website', 'phone', 'email', 'address', 'latitude', 'longitude'] as const;
const CARD_TYPES: Record<(typeof CARD_FIELDS)[number], string> = {
  name: 'text', short_name: 'text', inn: 'text', licence_date: 'date', head_name: 'text', website: 'text', phone: 'text', email: 'text',
  address: 'text', latitude: 'numeric', longitude: 'numeric',
};

const FIELDS: FieldSpec[] = [
  { key: 'id', header: 'Код организации', aliases: ['Идентификатор организации', 'Идентификатор', 'Код ОО', 'ID'], required: true, parse: identifier },
  { key: 'region', header: 'Регион', aliases: ['Субъект РФ', 'Субъект'], required: true, parse: oneOf(REGION_NAMES, `код или название региона (${Object.keys(REGIONS).join(', ')})`) },
  { key: 'municipality_id', header: 'Код муниципалитета', aliases: ['Код муниципального образования', 'Код МО'], required: true, parse: identifier },
  { key: 'municipality_name', header: 'Муниципалитет', aliases: ['Муниципальное образование', 'Городской округ/муниципальный район', 'Муниципальный район'], parse: text(300) },
  { key: 'type', header: 'Тип', aliases: ['Тип организации', 'Тип ОО'], required: true, parse: oneOf(TYPES, 'ДОО, ООО, ОДО, ПОО, ДОЛ, ДПО, МОУО или РО') },
  { key: 'name', header: 'Полное наименование', aliases: ['Наименование', 'Наименование организации'], required: true, parse: text(500) },
  { key: 'short_name', header: 'Краткое наименование', aliases: ['Сокращённое наименование'], parse: text(200) },
  { key: 'inn', header: 'ИНН', parse: inn },
  { key: 'licence_date', header: 'Дата лицензии', aliases: ['Дата выдачи лицензии'], parse: date(1990, 2100) },
  { key: 'head_name', header: 'Руководитель', aliases: ['ФИО руководителя', 'Фамилия, имя, отчество руководителя'], personal: true, parse: personalText(200) },
  { key: 'website', header: 'Сайт', aliases: ['Адрес официального сайта', 'Официальный сайт'], parse: url },
  { key: 'phone', header: 'Телефон', aliases: ['Контактный телефон'], parse: phone },
  { key: 'email', header: 'Электронная почта', aliases: ['E-mail', 'Email', 'Эл. почта', 'Адрес электронной почты'], parse: email },
  { key: 'address', header: 'Адрес', aliases: ['Юридический адрес', 'Фактический адрес'], parse: text(500) },
  { key: 'latitude', header: 'Широта', parse: decimal(-90, 90) },
  { key: 'longitude', header: 'Долгота', parse: decimal(-180, 180) },
];

/** A parsed organisation row. */
interface OrganisationRow {
  line: number;
  values: Record<string, unknown>;
}

const municipalityRow = z.object({ id: z.string(), region: z.string() });

/**
 * `organisations`: the organisation card, keyed by the organisation's own code. A municipality
 * the database lacks is created when the file gives its name («Муниципалитет»). Columns absent from
 * the file are left as they are; an empty cell clears the field.
 */
export const organisationsImport: ImportKind<OrganisationRow> = {
  name: 'organisations',
  title: 'организации',
  fields: FIELDS,
  prepare(table, ctx) {
    const rows = table.rows.filter((r) => {
      const hasLat = r.values.latitude !== null;
      if (hasLat !== (r.values.longitude !== null) && table.columns.has('latitude') && table.columns.has('longitude')) {
        reportAt(ctx, table, r, hasLat ? 'longitude' : 'latitude', 'координаты заполняются парой: широта и долгота');
        return false;
      }
      return r.values.id !== null;
    });
    // One municipality, one name and region, however many rows mention it.
    const municipalities = new Map<string, { line: number; name: unknown; region: unknown }>();
    for (const r of rows) {
      const m = municipalities.get(r.values.municipality_id as string);
      if (!m) municipalities.set(r.values.municipality_id as string, { line: r.line, name: r.values.municipality_name, region: r.values.region });
      else if ((r.values.municipality_name !== null && m.name !== null && m.name !== r.values.municipality_name) || m.region !== r.values.region) {
        reportAt(ctx, table, r, 'municipality_name', `муниципалитет «${String(r.values.municipality_id)}» описан иначе, чем в строке ${m.line} (название или регион)`);
      }
    }
    return checkUniqueKeys(rows, (r) => r.values.id as string, table, 'id', ctx, 'код организации');
  },
  async resolve(db, rows, table, ctx) {
    const ids = [...new Set(rows.map((r) => r.values.municipality_id as string))];
    const known = new Map((await db.any(sql.type(municipalityRow)`SELECT id, region FROM municipalities WHERE id = ANY(${sql.array(ids, 'text')})`)).map((m) => [m.id, m.region]));
    for (const r of rows) {
      const id = r.values.municipality_id as string;
      const region = known.get(id);
      if (region === undefined && r.values.municipality_name === null) {
        reportAt(ctx, table, r, 'municipality_id', `муниципалитет «${id}» не найден: заполните столбец «Муниципалитет» (название), чтобы создать его`);
      } else if (region !== undefined && region !== r.values.region) {
        reportAt(ctx, table, r, 'region', `муниципалитет «${id}» относится к региону ${region}, а не ${String(r.values.region)}`);
      }
    }
  },
  async load(tx, rows, table) {
    const newMunicipalities = new Map<string, [string, string]>();
    for (const r of rows) if (r.values.municipality_name !== null) newMunicipalities.set(r.values.municipality_id as string, [r.values.region as string, r.values.municipality_name as string]);
    const created = await tx.oneFirst(sql.type(z.object({ n: z.number() }))`
      WITH added AS (
        INSERT INTO municipalities (id, region, name)
        SELECT * FROM unnest(${sql.array([...newMunicipalities.keys()], 'text')}, ${sql.array([...newMunicipalities.values()].map((v) => v[0]), 'text')},
                             ${sql.array([...newMunicipalities.values()].map((v) => v[1]), 'text')})
        ON CONFLICT (id) DO NOTHING RETURNING 1
      ) SELECT count(*)::int AS n FROM added`);

    const present = CARD_FIELDS.filter((f) => table.columns.has(f));
    const stamp = (f: string) => sql.fragment`CASE WHEN ${fromRow(f)} IS NULL THEN NULL ELSE to_jsonb(now()) END`;
    const stampsOnInsert = sql.fragment`jsonb_strip_nulls(jsonb_build_object(${sql.join(present.flatMap((f) => [sql.fragment`${f}::text`, stamp(f)]), sql.fragment`, `)}))`;
    // A field keeps the time it was first filled; an emptied field loses its stamp.
    const stampsOnUpdate = sql.fragment`(organisations.field_filled_at - ${sql.array([...present], 'text')}) || jsonb_strip_nulls(jsonb_build_object(${sql.join(
      present.flatMap((f) => [sql.fragment`${f}::text`, sql.fragment`CASE WHEN EXCLUDED.${sql.identifier([f])} IS NULL THEN NULL ELSE coalesce(organisations.field_filled_at -> ${f}::text, to_jsonb(now())) END`]),
      sql.fragment`, `,
    )}))`;
    const source = [['id', 'text'], ['region', 'text'], ['municipality_id', 'text'], ['type', 'text'], ...present.map((f) => [f, CARD_TYPES[f]] as const)] as const;
    const r = await upsertRows(tx, {
      table: 'organisations',
      source,
      target: [...source.map(([c]) => [c, fromRow(c)] as const), ['field_filled_at', stampsOnInsert], ['card_updated_at', sql.fragment`now()`]],
      conflict: sql.fragment`(id)`,
      compared: source.map(([c]) => c).filter((c) => c !== 'id'),
      onUpdate: [['field_filled_at', stampsOnUpdate], ['card_updated_at', sql.fragment`now()`]],
    }, rows.map((row) => source.map(([c]) => row.values[c] ?? null)));
    const notes: Record<string, number> = {};
    if (created) notes['создано муниципалитетов'] = created;
    return { counts: { организации: counts(rows.length, r.inserted, r.updated) }, created: notes };
  },
};
