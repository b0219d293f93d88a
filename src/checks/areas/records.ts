import type { EventCheck } from '../event/eventCheck.js';
import { journalLessonFilled } from '../event/records/journalLessonFilled.js';
import { movementDocumentCreated } from '../event/records/movementDocumentCreated.js';
import { periodMarksEnteredAfterEvent } from '../event/records/periodMarksEnteredAfterEvent.js';
import type { PeriodCheck } from '../period/periodCheck.js';
import { attendanceMarked } from '../period/records/attendanceMarked.js';
import { dodCoverageRecorded } from '../period/records/dodCoverageRecorded.js';
import { lessonsFilledInWindow } from '../period/records/lessonsFilledInWindow.js';
import { movementDocumentsEntered } from '../period/records/movementDocumentsEntered.js';

/** Event checks of this area (see `../event/eventChecks.ts`). */
export const EVENT_CHECKS_RECORDS: EventCheck[] = [movementDocumentCreated, journalLessonFilled, periodMarksEnteredAfterEvent];

/** Period checks of this area (see `../period/periodChecks.ts`). */
export const PERIOD_CHECKS_RECORDS: PeriodCheck[] = [movementDocumentsEntered, attendanceMarked, dodCoverageRecorded, lessonsFilledInWindow];
