import { describe, expect, it } from '@jest/globals';
import { EVENT_CHECKS } from '../../../src/checks/event/eventChecks.js';
import { eventCheckForRule, isManualFallback } from '../../../src/checks/event/register/eventCheckForRule.js';
import { loadForApply } from '../../../src/engine.js';
import { driverKind } from '../../../src/execution/applyRegulations.js';
import type { CompiledRule } from '../../../src/regulation/model.js';
import { registerRegulation } from './support.js';

const rules = loadForApply().regulations.flatMap((g) => g.rules);
const EVENT_RELATIVE = ['after_event', 'before_event', 'after_rule'];

describe('driverKind', () => {
  it('drives every period rule', () => {
    for (const r of rules.filter((x) => !EVENT_RELATIVE.includes(x.trigger.kind))) expect(driverKind(r)).toBe('driver');
  });

  it('sweeps every manual rule after an event, before an event, or after a predecessor rule', () => {
    const manual = rules.filter((x) => EVENT_RELATIVE.includes(x.trigger.kind) && x.check.name === 'manual');
    expect(new Set(manual.map((x) => x.trigger.kind))).toEqual(new Set(EVENT_RELATIVE));
    for (const r of manual) expect([r.id, driverKind(r)]).toEqual([r.id, 'sweep']);
  });

  it('sweeps every event-relative rule of the seeds; one whose check has no event SQL falls back to manual confirmation', () => {
    for (const r of rules.filter((x) => EVENT_RELATIVE.includes(x.trigger.kind))) {
      expect([r.id, driverKind(r)]).toEqual([r.id, 'sweep']);
      const registered = r.check.name !== 'manual' && EVENT_CHECKS[r.check.name];
      expect([r.id, isManualFallback(r)]).toEqual([r.id, r.check.name !== 'manual' && !registered]);
      if (!registered) expect([r.id, eventCheckForRule(r)!.name]).toEqual([r.id, 'manual']);
    }
    // The one seed rule in that case today: the ГИА marks monitoring after the results' publication.
    expect(rules.filter(isManualFallback).map((r) => r.id)).toEqual(['cyc-gia-marks-9-11']);
  });

  it('sweeps a before_event or after_rule rule whose check is registered, with that check', () => {
    const base = rules.find((x) => x.trigger.kind === 'after_event' && x.check.name === 'student_card_complete')!;
    for (const trigger of [{ kind: 'before_event', event: 'event_scheduled' }, { kind: 'after_rule', rule: 'x' }] as CompiledRule['trigger'][]) {
      const rule: CompiledRule = { ...base, trigger };
      expect(driverKind(rule)).toBe('sweep');
      expect(eventCheckForRule(rule)).toBe(EVENT_CHECKS.student_card_complete);
    }
  });

  it('builds the generic manual check per rule, named by its trigger', () => {
    const test = registerRegulation().rules;
    const kinds = Object.fromEntries(test.map((r) => [r.id, eventCheckForRule(r)?.subjectKind]));
    expect(kinds).toEqual({
      'card-change-3wd': 'card_change', 'news-10wd-before': 'event_scheduled', 'request-10d': 'licence',
      'register-5d': 'rule_fulfilment', 'agreement-5d': 'rule_fulfilment', 'local-acts-30d': 'rule_fulfilment',
    });
    expect(test.map(driverKind)).toEqual(test.map(() => 'sweep'));
  });

  it('leaves a rule without a term (a fixed date) to no driver', () => {
    const base = rules.find((x) => x.trigger.kind === 'after_event' && x.check.name === 'manual')!;
    const rule: CompiledRule = { ...base, deadlines: [{ ...base.deadlines[0]!, due: { kind: 'date', date: '09-01', until: 'inclusive', moveToWorkingDay: true } }] };
    expect(driverKind(rule)).toEqual({ skip: 'событийное правило: срок не отсчитывается от события (date)' });
  });
});
