import type { EventCheck } from '../event/eventCheck.js';
import { certificateFinanceEvents } from '../event/navigator/certificateFinanceEvents.js';
import { giftedEventEntered } from '../event/navigator/giftedEventEntered.js';
import { navigatorApplicationProcessed } from '../event/navigator/navigatorApplicationProcessed.js';
import { navigatorPublished } from '../event/navigator/navigatorPublished.js';
import { navigatorRequestProcessed } from '../event/navigator/navigatorRequestProcessed.js';
import { certificateFinanceStepDone } from '../period/navigator/certificateFinanceStepDone.js';
import type { PeriodCheck } from '../period/periodCheck.js';

/** Event checks of this area (see `../event/eventChecks.ts`). */
export const EVENT_CHECKS_NAVIGATOR: EventCheck[] = [
  giftedEventEntered, navigatorPublished, navigatorRequestProcessed, navigatorApplicationProcessed, certificateFinanceEvents,
];

/** Period checks of this area (see `../period/periodChecks.ts`). */
export const PERIOD_CHECKS_NAVIGATOR: PeriodCheck[] = [certificateFinanceStepDone];
