import type { EventCheck } from '../event/eventCheck.js';
import { examResultsImported } from '../event/operator/examResultsImported.js';
import { contingentExportErrorsResolved } from '../period/operator/contingentExportErrorsResolved.js';
import { contingentReconciled } from '../period/operator/contingentReconciled.js';
import { exportIndicatorMarked } from '../period/operator/exportIndicatorMarked.js';
import { operatorControlCompleted } from '../period/operator/operatorControlCompleted.js';
import { profdevStepCompleted } from '../period/operator/profdevStepCompleted.js';
import { userRegistryCurrent } from '../period/operator/userRegistryCurrent.js';
import type { PeriodCheck } from '../period/periodCheck.js';

/** Event checks of this area (see `../event/eventChecks.ts`). */
export const EVENT_CHECKS_OPERATOR: EventCheck[] = [examResultsImported];

/** Period checks of this area (see `../period/periodChecks.ts`). */
export const PERIOD_CHECKS_OPERATOR: PeriodCheck[] = [
  operatorControlCompleted, profdevStepCompleted, contingentReconciled, contingentExportErrorsResolved, exportIndicatorMarked, userRegistryCurrent,
];
