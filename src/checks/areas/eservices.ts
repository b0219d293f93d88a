import type { EventCheck } from '../event/eventCheck.js';
import { applicationDecisions } from '../event/eservices/applicationDecisions.js';
import { admissionUnitsCreated } from '../period/eservices/admissionUnitsCreated.js';
import { admissionYearSwitched } from '../period/eservices/admissionYearSwitched.js';
import { campaignIntakeOpen } from '../period/eservices/campaignIntakeOpen.js';
import { eserviceApplicationsProcessed } from '../period/eservices/eserviceApplicationsProcessed.js';
import { eserviceDirectionsEnrolled } from '../period/eservices/eserviceDirectionsEnrolled.js';
import { eserviceDistributionHeld } from '../period/eservices/eserviceDistributionHeld.js';
import { eserviceFreePlaces } from '../period/eservices/eserviceFreePlaces.js';
import { eserviceOrganisationCardComplete } from '../period/eservices/eserviceOrganisationCardComplete.js';
import { eserviceVacanciesConsistent } from '../period/eservices/eserviceVacanciesConsistent.js';
import type { PeriodCheck } from '../period/periodCheck.js';

/** Event checks of this area (see `../event/eventChecks.ts`). */
export const EVENT_CHECKS_ESERVICES: EventCheck[] = [applicationDecisions];

/** Period checks of this area (see `../period/periodChecks.ts`). */
export const PERIOD_CHECKS_ESERVICES: PeriodCheck[] = [
  eserviceApplicationsProcessed, eserviceFreePlaces, eserviceVacanciesConsistent, eserviceOrganisationCardComplete, eserviceDistributionHeld,
  eserviceDirectionsEnrolled, campaignIntakeOpen, admissionUnitsCreated, admissionYearSwitched,
];
