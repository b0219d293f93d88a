import type { EventCheck } from './eventCheck.js';
import { studentCardComplete } from './studentCardComplete.js';

/** Event checks by catalog name: the checks that event-relative rules can be swept with. */
export const EVENT_CHECKS: Record<string, EventCheck> = Object.fromEntries([studentCardComplete].map((c) => [c.name, c]));
