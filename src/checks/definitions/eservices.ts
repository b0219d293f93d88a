import type { CheckDefinition } from '../checkDefinition.js';

/** Checks of this subject area (see `../catalog.ts`). */
export const ESERVICE_CHECKS: CheckDefinition[] = [];
