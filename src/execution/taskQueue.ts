/** The task queue Reglament's worker polls: `REGLAMENT_TASK_QUEUE` or `reglament`. */
export function taskQueue(): string {
  return process.env.REGLAMENT_TASK_QUEUE ?? 'reglament';
}

/** The Temporal namespace: `TEMPORAL_NAMESPACE` or `default`. */
export function namespace(): string {
  return process.env.TEMPORAL_NAMESPACE ?? 'default';
}

/** Workflow id of a rule's sweep driver, readable as `<regulation>/<rule>/sweep`. */
export function sweepWorkflowId(regulationId: string, ruleId: string): string {
  return `${regulationId}/${ruleId}/sweep`;
}

/** Workflow id of a period rule's driver, readable as `<regulation>/<rule>/driver`. */
export function driverWorkflowId(regulationId: string, ruleId: string): string {
  return `${regulationId}/${ruleId}/driver`;
}
