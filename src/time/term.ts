/**
 * Terms and deadlines: the public entry point that rule compilation and activities import.
 * Parsing and computation live in their own modules; this one only gathers them.
 */
export { formatTermRu, parseTerm, TermSyntaxError, type Term } from './parseTerm.js';
export { computeDue, DueInputError, type ComputeDueInput, type DueResult, type ExplainStep } from './computeDue.js';
