import { manualConfirmation } from './manualConfirmation.js';
import type { PeriodCheck } from './periodCheck.js';

/** Period checks by catalog name. */
export const PERIOD_CHECKS: Record<string, PeriodCheck> = Object.fromEntries([manualConfirmation].map((c) => [c.name, c]));
