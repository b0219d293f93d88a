/**
 * One named compliance check of the catalog: what it checks, what it fits, and the JSON Schema of
 * its parameters. Regulation files name a check and give parameters; they never contain SQL.
 */
export interface CheckDefinition {
  name: string;
  /** Russian description for operators and notices. */
  title: string;
  /** Events this check can evaluate for `after_event`/`before_event` rules; empty: any trigger. */
  events: string[];
  /** Whether the check yields a percentage that `levels` grade (fill rate, discrepancy). */
  metric?: 'percent';
  /** Whether a higher metric is better (fill rate) or worse (discrepancy); grading follows it. */
  higherIsBetter?: boolean;
  /** JSON Schema (2020-12) of `params`. */
  params: Record<string, unknown>;
}

/** Parameters schema of a check that takes none. */
export const NO_PARAMS = { type: 'object', additionalProperties: false, properties: {} } as const;
