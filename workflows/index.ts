/** Every workflow the Reglament worker runs; the worker bundles this module. */
export { eventSweepWorkflow, lastSweepQuery } from './eventSweep.js';
export type { EventSweepInput } from './eventSweep.js';
