import type { EventCheck } from '../event/eventCheck.js';
import type { PeriodCheck } from '../period/periodCheck.js';
import { academicYearClosed } from '../period/rollover/academicYearClosed.js';
import { academicYearOpened } from '../period/rollover/academicYearOpened.js';
import { associationsMatchProgrammes } from '../period/rollover/associationsMatchProgrammes.js';
import { classGroupsFormed } from '../period/rollover/classGroupsFormed.js';
import { monitoringCompleted } from '../period/rollover/monitoringCompleted.js';
import { nextAcademicYearCreated } from '../period/rollover/nextAcademicYearCreated.js';
import { planningDocumentsReady } from '../period/rollover/planningDocumentsReady.js';
import { publicDocumentsPublished } from '../period/rollover/publicDocumentsPublished.js';

/** Event checks of this area (see `../event/eventChecks.ts`). */
export const EVENT_CHECKS_ROLLOVER: EventCheck[] = [];

/** Period checks of this area (see `../period/periodChecks.ts`). */
export const PERIOD_CHECKS_ROLLOVER: PeriodCheck[] = [
  academicYearOpened, nextAcademicYearCreated, academicYearClosed, classGroupsFormed, planningDocumentsReady,
  publicDocumentsPublished, associationsMatchProgrammes, monitoringCompleted,
];
