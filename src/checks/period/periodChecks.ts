import { PERIOD_CHECKS_ESERVICES } from '../areas/eservices.js';
import { PERIOD_CHECKS_JOURNALS } from '../areas/journals.js';
import { PERIOD_CHECKS_NAVIGATOR } from '../areas/navigator.js';
import { PERIOD_CHECKS_OPERATOR } from '../areas/operator.js';
import { PERIOD_CHECKS_PEOPLE } from '../areas/people.js';
import { PERIOD_CHECKS_RECORDS } from '../areas/records.js';
import { PERIOD_CHECKS_ROLLOVER } from '../areas/rollover.js';
import { manualConfirmation } from './manualConfirmation.js';
import type { PeriodCheck } from './periodCheck.js';

/** Period checks by catalog name. */
export const PERIOD_CHECKS: Record<string, PeriodCheck> = Object.fromEntries(
  [manualConfirmation, ...PERIOD_CHECKS_PEOPLE, ...PERIOD_CHECKS_ROLLOVER, ...PERIOD_CHECKS_JOURNALS, ...PERIOD_CHECKS_NAVIGATOR, ...PERIOD_CHECKS_OPERATOR, ...PERIOD_CHECKS_ESERVICES, ...PERIOD_CHECKS_RECORDS].map((c) => [c.name, c]),
);
