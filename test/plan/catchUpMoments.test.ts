import { describe, expect, test } from '@jest/globals';
import { catchUpMoments } from '../../src/plan/catchUpMoments.js';
import type { PlannedMoment } from '../../src/plan/occurrenceMoments.js';

// A tier with its deadline at the end of Thu 10 Oct 2024 (UTC+5), reminders on 7 and 9 Oct, the
// ladder's steps on 10, 14 and 17 Oct, and repeats of the last step on 24 and 31 Oct.
const DUE = '2024-10-10T19:00:00.000Z';
const moment = (at: string, notice: PlannedMoment['notice'], step: number, repeat = 0, tier = 0): PlannedMoment =>
  ({ at, tier, notice, step, repeat, dueAt: DUE, lastDay: '2024-10-10' });
const MOMENTS: PlannedMoment[] = [
  moment('2024-10-01T04:00:00.000Z', 'window', 0),
  moment('2024-10-06T19:00:00.000Z', 'reminder', 0),
  moment('2024-10-08T19:00:00.000Z', 'reminder', 1),
  moment(DUE, 'due', 0),
  moment('2024-10-14T19:00:00.000Z', 'escalation', 1),
  moment('2024-10-17T19:00:00.000Z', 'escalation', 2),
  moment('2024-10-24T19:00:00.000Z', 'escalation', 2, 1),
  moment('2024-10-31T19:00:00.000Z', 'escalation', 2, 2),
];
const label = (ms: PlannedMoment[]) => ms.map((m) => `${m.notice}:${m.step}/${m.repeat}`);

describe('catchUpMoments', () => {
  test('an occurrence started on time runs everything', () => {
    expect(catchUpMoments(MOMENTS, Date.parse('2024-09-30T00:00:00Z'))).toEqual({ run: MOMENTS, skipped: [] });
  });

  test('started between the reminders: only the latest reminder of those past, then the rest as planned', () => {
    const { run, skipped } = catchUpMoments(MOMENTS, Date.parse('2024-10-07T12:00:00Z'));
    expect(label(run)).toEqual(['reminder:0/0', 'reminder:1/0', 'due:0/0', 'escalation:1/0', 'escalation:2/0', 'escalation:2/1', 'escalation:2/2']);
    expect(label(skipped)).toEqual(['window:0/0']);
  });

  test('started after the second step: the deadline check and the step reached, no reminders, no step in between', () => {
    const { run, skipped } = catchUpMoments(MOMENTS, Date.parse('2024-10-20T00:00:00Z'));
    expect(label(run)).toEqual(['due:0/0', 'escalation:2/0', 'escalation:2/1', 'escalation:2/2']);
    expect(label(skipped)).toEqual(['window:0/0', 'reminder:0/0', 'reminder:1/0', 'escalation:1/0']);
  });

  test('started after a repeat: the deadline check and that repeat only', () => {
    const { run } = catchUpMoments(MOMENTS, Date.parse('2024-10-25T00:00:00Z'));
    expect(label(run)).toEqual(['due:0/0', 'escalation:2/1', 'escalation:2/2']);
  });

  test('each tier is caught up on its own', () => {
    const later = MOMENTS.map((m) => ({ ...m, tier: 1, at: new Date(Date.parse(m.at) + 5 * 86_400_000).toISOString() }));
    const { run } = catchUpMoments([...MOMENTS, ...later], Date.parse('2024-10-12T00:00:00Z'));
    expect(run.filter((m) => m.tier === 0).map((m) => m.notice)).toEqual(['due', 'escalation', 'escalation', 'escalation', 'escalation']);
    expect(run.filter((m) => m.tier === 1).map((m) => `${m.notice}:${m.step}`)).toEqual(['reminder:0', 'reminder:1', 'due:0', 'escalation:1', 'escalation:2', 'escalation:2', 'escalation:2']);
  });
});
