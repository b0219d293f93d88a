import type { EventCheck } from '../event/eventCheck.js';
import { esiaAccountLinked } from '../event/people/esiaAccountLinked.js';
import { parentCardComplete } from '../event/people/parentCardComplete.js';
import { staffCardComplete } from '../event/people/staffCardComplete.js';
import { staffDismissalEntered } from '../event/people/staffDismissalEntered.js';
import { userAccountRegistered } from '../event/people/userAccountRegistered.js';
import type { PeriodCheck } from '../period/periodCheck.js';
import { cardFillRate } from '../period/people/cardFillRate.js';
import { esiaAccountsLinked } from '../period/people/esiaAccountsLinked.js';

/** Event checks of this area (see `../event/eventChecks.ts`). */
export const EVENT_CHECKS_PEOPLE: EventCheck[] = [staffCardComplete, parentCardComplete, esiaAccountLinked, staffDismissalEntered, userAccountRegistered];

/** Period checks of this area (see `../period/periodChecks.ts`). */
export const PERIOD_CHECKS_PEOPLE: PeriodCheck[] = [esiaAccountsLinked, cardFillRate];
