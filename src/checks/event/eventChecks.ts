import { EVENT_CHECKS_ESERVICES } from '../areas/eservices.js';
import { EVENT_CHECKS_JOURNALS } from '../areas/journals.js';
import { EVENT_CHECKS_NAVIGATOR } from '../areas/navigator.js';
import { EVENT_CHECKS_OPERATOR } from '../areas/operator.js';
import { EVENT_CHECKS_PEOPLE } from '../areas/people.js';
import { EVENT_CHECKS_RECORDS } from '../areas/records.js';
import { EVENT_CHECKS_ROLLOVER } from '../areas/rollover.js';
import type { EventCheck } from './eventCheck.js';
import { studentCardComplete } from './studentCardComplete.js';

/** Event checks by catalog name: the checks that event-relative rules can be swept with. */
export const EVENT_CHECKS: Record<string, EventCheck> = Object.fromEntries(
  [studentCardComplete, ...EVENT_CHECKS_PEOPLE, ...EVENT_CHECKS_ROLLOVER, ...EVENT_CHECKS_JOURNALS, ...EVENT_CHECKS_NAVIGATOR, ...EVENT_CHECKS_OPERATOR, ...EVENT_CHECKS_ESERVICES, ...EVENT_CHECKS_RECORDS].map((c) => [c.name, c]),
);
