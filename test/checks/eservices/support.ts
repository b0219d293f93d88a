import { sql, type DatabasePool } from 'slonik';
import { z } from 'zod';

const id = z.object({ id: z.number() });

/** Inserts an admission campaign of the yanao region and returns its id. */
export async function insertCampaign(pool: DatabasePool, o: {
  kind: string; municipality?: string | null; organisation?: string | null; year?: number; configuredAt?: string | null; opensOn?: string | null;
}): Promise<number> {
  return pool.oneFirst(sql.type(id)`
    INSERT INTO admission_campaigns (region, municipality_id, organisation_id, kind, year, configured_at, opens_on)
    VALUES ('yanao', ${o.municipality ?? null}, ${o.organisation ?? null}, ${o.kind}, ${o.year ?? 2024}, ${o.configuredAt ?? null}, ${o.opensOn ?? null})
    RETURNING id`);
}

/** Inserts an admission unit created at `createdAt` with its places as of then (the trigger records them) and returns its id. */
export async function insertUnit(pool: DatabasePool, campaignId: number, organisationId: string, o: {
  createdAt: string; total?: number; taken?: number; grade?: number; entranceTests?: boolean; requirementsMetAt?: Record<string, string>;
}): Promise<number> {
  return pool.oneFirst(sql.type(id)`
    INSERT INTO campaign_places (campaign_id, organisation_id, unit, grade, places_total, places_taken, entrance_tests, requirements_met_at, created_at, updated_at)
    VALUES (${campaignId}, ${organisationId}, ${o.grade ? `${o.grade} класс` : 'Группа'}, ${o.grade ?? null}, ${o.total ?? 20}, ${o.taken ?? 0},
            ${o.entranceTests ?? false}, ${sql.jsonb(o.requirementsMetAt ?? {})}, ${o.createdAt}, ${o.createdAt})
    RETURNING id`);
}

/** Changes a unit's places at `at`, as an operator would (the trigger records the new state). */
export async function setPlaces(pool: DatabasePool, placeId: number, at: string, total: number, taken: number): Promise<void> {
  await pool.query(sql.unsafe`UPDATE campaign_places SET places_total = ${total}, places_taken = ${taken}, updated_at = ${at} WHERE id = ${placeId}`);
}

/** Inserts a citizen's application and returns its id. */
export async function insertApplication(pool: DatabasePool, o: {
  organisation: string; kind: string; submittedAt: string; number?: string; status?: string; statusChangedAt?: string | null;
  reviewedAt?: string | null; directedAt?: string | null; enrolledAt?: string | null; enteredAt?: string | null;
}): Promise<number> {
  return pool.oneFirst(sql.type(id)`
    INSERT INTO citizen_applications (organisation_id, kind, number, submitted_at, entered_at, status, status_changed_at, reviewed_at, directed_at, enrolled_at)
    VALUES (${o.organisation}, ${o.kind}, ${o.number ?? null}, ${o.submittedAt}, ${o.enteredAt ?? null}, ${o.status ?? 'зарегистрировано'},
            ${o.statusChangedAt ?? null}, ${o.reviewedAt ?? null}, ${o.directedAt ?? null}, ${o.enrolledAt ?? null})
    RETURNING id`);
}
