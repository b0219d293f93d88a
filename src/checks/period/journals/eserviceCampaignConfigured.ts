import type { PeriodCheck } from '../periodCheck.js';
import { campaignsConfigured, campaignStageOf } from './campaignsConfigured.js';

/** `eservice_campaign_configured`: the campaign of `params.kind` (and `stage`) is configured; see `campaignsConfigured`. */
export const eserviceCampaignConfigured: PeriodCheck = {
  name: 'eservice_campaign_configured',
  evaluate: (db, input) => campaignsConfigured(db, input, [input.params.kind as string], campaignStageOf(input.params)),
};
