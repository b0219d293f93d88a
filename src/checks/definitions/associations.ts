import type { CheckDefinition } from '../checkDefinition.js';

/** Checks of this subject area (see `../catalog.ts`). */
export const ASSOCIATION_CHECKS: CheckDefinition[] = [];
