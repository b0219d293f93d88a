import type { EventCheck } from '../event/eventCheck.js';
import type { PeriodCheck } from '../period/periodCheck.js';

/** Event checks of this area (see `../event/eventChecks.ts`). */
export const EVENT_CHECKS_PEOPLE: EventCheck[] = [];

/** Period checks of this area (see `../period/periodChecks.ts`). */
export const PERIOD_CHECKS_PEOPLE: PeriodCheck[] = [];
