import { sql } from 'slonik';
import { z } from 'zod';
import { ESERVICE_ORGANISATION_CARD_FIELDS } from '../../definitions/eservices.js';
import { organisationOutcome, type PeriodCheck } from '../periodCheck.js';
import { periodBounds } from '../journals/periodBounds.js';
import { scopeCte } from '../journals/scopeCte.js';

const row = z.object({
  subject_id: z.string(), completed_at: z.string().nullable(), organisations: z.number(), incomplete: z.number(),
  missing: z.array(z.object({ organisation_id: z.string(), field: z.string() })),
});

/**
 * `eservice_organisation_card_complete`: the «Е-услуги» card (`eservice_organisation_cards`) of
 * each member organisation has every item of `params.fields` filled at or before `asOf` (an item
 * counts from its fill stamp; a cleared item has none). Done when the last needed item of the last
 * organisation was filled; a subject without member organisations is done from the period's start.
 * `offending`: for an organisation, the Russian names of its missing items; for a municipality or
 * the region, the organisations with an incomplete card.
 */
export const eserviceOrganisationCardComplete: PeriodCheck = {
  name: 'eservice_organisation_card_complete',
  async evaluate(db, input) {
    const { from } = periodBounds(input);
    const fields = Array.isArray(input.params.fields) ? input.params.fields.filter((f): f is string => typeof f === 'string') : [];
    const asOf = sql.fragment`${input.asOf}::timestamptz`;
    const rows = await db.any(sql.type(row)`
      WITH ${scopeCte(input)},
      items AS (
        SELECT mb.subject_id, mb.organisation_id, f.field, (c.field_filled_at ->> f.field)::timestamptz AS filled_at
        FROM members mb
        CROSS JOIN unnest(${sql.array(fields, 'text')}) AS f(field)
        LEFT JOIN eservice_organisation_cards c ON c.organisation_id = mb.organisation_id
      ),
      judged AS (
        SELECT subject_id, organisation_id, field, CASE WHEN filled_at <= ${asOf} THEN filled_at END AS filled_at FROM items
      )
      SELECT s.id AS subject_id,
             CASE WHEN count(j.field) = 0 THEN ${from}::timestamptz WHEN bool_and(j.filled_at IS NOT NULL) THEN max(j.filled_at) END AS completed_at,
             (SELECT count(*)::int FROM members mb WHERE mb.subject_id = s.id) AS organisations,
             count(DISTINCT j.organisation_id) FILTER (WHERE j.filled_at IS NULL AND j.field IS NOT NULL)::int AS incomplete,
             coalesce(json_agg(json_build_object('organisation_id', j.organisation_id, 'field', j.field) ORDER BY j.organisation_id, j.field)
                      FILTER (WHERE j.filled_at IS NULL AND j.field IS NOT NULL), '[]'::json) AS missing
      FROM subjects s
      LEFT JOIN judged j ON j.subject_id = s.id
      GROUP BY s.id
      ORDER BY s.id`);
    return rows.map((r) => organisationOutcome(r, { 'организаций': r.organisations, 'с незаполненными сведениями': r.incomplete }, [...new Set(r.missing.map((m) => (m.organisation_id === r.subject_id ? ESERVICE_ORGANISATION_CARD_FIELDS[m.field] ?? m.field : m.organisation_id)))]));
  },
};
