import type { CheckDefinition } from './checkDefinition.js';
import { ASSOCIATION_CHECKS } from './definitions/associations.js';
import { ATTENDANCE_CHECKS } from './definitions/attendance.js';
import { CAMPAIGN_CHECKS } from './definitions/campaigns.js';
import { CARD_CHECKS } from './definitions/cards.js';
import { CONNECTION_CHECKS } from './definitions/connection.js';
import { CONTINGENT_CHECKS } from './definitions/contingent.js';
import { DOCUMENT_CHECKS } from './definitions/documents.js';
import { ESERVICE_CHECKS } from './definitions/eservices.js';
import { ESIA_CHECKS } from './definitions/esia.js';
import { INTEGRATION_CHECKS } from './definitions/integrations.js';
import { JOURNAL_CHECKS } from './definitions/journals.js';
import { MONITORING_CHECKS } from './definitions/monitoring.js';
import { NAVIGATOR_CHECKS } from './definitions/navigator.js';
import { PROFDEV_CHECKS } from './definitions/profdev.js';
import { ROLLOVER_CHECKS } from './definitions/rollover.js';
import { STATISTICS_CHECKS } from './definitions/statistics.js';

export type { CheckDefinition } from './checkDefinition.js';
export { STUDENT_CARD_FIELDS, STUDENT_CARD_FIELD_TITLES } from './definitions/cards.js';

const ALL: CheckDefinition[] = [
  ...CARD_CHECKS, ...JOURNAL_CHECKS, ...ROLLOVER_CHECKS, ...DOCUMENT_CHECKS, ...STATISTICS_CHECKS, ...ESIA_CHECKS, ...MONITORING_CHECKS,
  ...CONNECTION_CHECKS, ...ESERVICE_CHECKS, ...CONTINGENT_CHECKS, ...ASSOCIATION_CHECKS,
  ...CAMPAIGN_CHECKS, ...NAVIGATOR_CHECKS, ...INTEGRATION_CHECKS, ...ATTENDANCE_CHECKS, ...PROFDEV_CHECKS,
];

/**
 * The catalog of named compliance checks a regulation may use, by name. Definitions live in
 * `definitions/`, one module per subject area; a duplicate name is a programming error.
 */
export const CHECKS: Record<string, CheckDefinition> = Object.fromEntries(ALL.map((c) => [c.name, c]));
if (Object.keys(CHECKS).length !== ALL.length) {
  const seen = new Set<string>();
  const dup = ALL.find((c) => (seen.has(c.name) ? true : (seen.add(c.name), false)));
  throw new Error(`duplicate check name in the catalog: ${dup?.name}`);
}
