import type { PeriodCheck } from '../periodCheck.js';
import { campaignsConfigured, campaignStageOf } from './campaignsConfigured.js';

/** `admission_campaigns_configured`: every campaign of `params.kinds` (and `stage`) is configured; see `campaignsConfigured`. */
export const admissionCampaignsConfigured: PeriodCheck = {
  name: 'admission_campaigns_configured',
  evaluate: (db, input) => campaignsConfigured(db, input, input.params.kinds as string[], campaignStageOf(input.params)),
};
