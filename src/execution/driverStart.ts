import type { SearchAttributePair } from '@temporalio/common';
import type { EventSweepInput } from '../../workflows/eventSweep.js';
import type { RuleDriverInput } from '../../workflows/ruleDriver.js';
import type { CompiledRegulation, CompiledRule } from '../regulation/model.js';
import type { CalendarData } from '../time/calendarData.js';
import { SA_PERIOD, SA_REGION, SA_REGULATION, SA_RULE, SA_STATUS } from './searchAttributes.js';
import { driverWorkflowId, sweepWorkflowId } from './taskQueue.js';

/** How a driver runs: its clock offset and end (simulations), the sweep pace and first look-back. */
export interface DriverTiming {
  sweepIntervalMs: number;
  backfillDays: number;
  clockOffsetMs?: number;
  until?: string;
  /** Sweeps fall on `alignTo + k × sweepIntervalMs` (simulations); after each other when absent. */
  alignTo?: string;
}

/** Everything `client.workflow.start` needs to start the driver of one rule. */
export interface DriverStart {
  workflowType: 'eventSweepWorkflow' | 'ruleDriverWorkflow';
  workflowId: string;
  args: [EventSweepInput] | [RuleDriverInput];
  typedSearchAttributes: SearchAttributePair[];
}

/**
 * The start of a rule's driver: a sweep (`<regulation>/<rule>/sweep`) for event-relative rules, a
 * planning driver (`<regulation>/<rule>/driver`) for period rules, with the typed search attributes
 * an auditor filters by. Pure; `apply` and `simulate` start drivers the same way through it.
 */
export function driverStart(regulation: CompiledRegulation, rule: CompiledRule, kind: 'sweep' | 'driver', calendar: CalendarData, timing: DriverTiming): DriverStart {
  const { rules: _rules, ...header } = regulation;
  const common = { regulation: header, rule, clockOffsetMs: timing.clockOffsetMs ?? 0, ...(timing.until ? { until: timing.until } : {}) };
  const typedSearchAttributes: SearchAttributePair[] = [
    { key: SA_REGULATION, value: regulation.id },
    { key: SA_RULE, value: rule.id },
    { key: SA_REGION, value: regulation.region },
    { key: SA_PERIOD, value: 'continuous' },
    { key: SA_STATUS, value: 'active' },
  ];
  return kind === 'sweep'
    ? { workflowType: 'eventSweepWorkflow', workflowId: sweepWorkflowId(regulation.id, rule.id), args: [{ ...common, intervalMs: timing.sweepIntervalMs, backfillDays: timing.backfillDays, ...(timing.alignTo ? { alignTo: timing.alignTo } : {}) }], typedSearchAttributes }
    : { workflowType: 'ruleDriverWorkflow', workflowId: driverWorkflowId(regulation.id, rule.id), args: [{ ...common, calendar }], typedSearchAttributes };
}
