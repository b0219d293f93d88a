import type { EventCheck } from '../event/eventCheck.js';
import { journalMarksEntered } from '../event/journals/journalMarksEntered.js';
import { admissionCampaignsConfigured } from '../period/journals/admissionCampaignsConfigured.js';
import { contingentDiscrepancy } from '../period/journals/contingentDiscrepancy.js';
import { contingentRecordsUpdated } from '../period/journals/contingentRecordsUpdated.js';
import { eserviceCampaignConfigured } from '../period/journals/eserviceCampaignConfigured.js';
import { integrationExchangeOk } from '../period/journals/integrationExchangeOk.js';
import { periodMarksEntered } from '../period/journals/periodMarksEntered.js';
import type { PeriodCheck } from '../period/periodCheck.js';

/** Event checks of this area (see `../event/eventChecks.ts`). */
export const EVENT_CHECKS_JOURNALS: EventCheck[] = [journalMarksEntered];

/** Period checks of this area (see `../period/periodChecks.ts`). */
export const PERIOD_CHECKS_JOURNALS: PeriodCheck[] = [
  periodMarksEntered, contingentDiscrepancy, contingentRecordsUpdated, eserviceCampaignConfigured, admissionCampaignsConfigured, integrationExchangeOk,
];
