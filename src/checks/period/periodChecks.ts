import { PERIOD_CHECKS_JOURNALS } from '../areas/journals.js';
import { PERIOD_CHECKS_PEOPLE } from '../areas/people.js';
import { PERIOD_CHECKS_ROLLOVER } from '../areas/rollover.js';
import { manualConfirmation } from './manualConfirmation.js';
import type { PeriodCheck } from './periodCheck.js';

/** Period checks by catalog name. */
export const PERIOD_CHECKS: Record<string, PeriodCheck> = Object.fromEntries(
  [manualConfirmation, ...PERIOD_CHECKS_PEOPLE, ...PERIOD_CHECKS_ROLLOVER, ...PERIOD_CHECKS_JOURNALS].map((c) => [c.name, c]),
);
