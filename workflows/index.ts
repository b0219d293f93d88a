/** Every workflow the Reglament worker runs; the worker bundles this module. */
export { eventSweepWorkflow, lastSweepQuery } from './eventSweep.js';
export type { EventSweepInput } from './eventSweep.js';
export { occurrenceWorkflow } from './occurrence.js';
export type { OccurrenceInput, OccurrenceMoment, OccurrenceOutcome } from './occurrence.js';
export { ruleDriverWorkflow } from './ruleDriver.js';
export type { RuleDriverInput } from './ruleDriver.js';
export { digestWorkflow } from './digest.js';
export type { DigestInput } from './digest.js';
