import { describe, expect, test } from '@jest/globals';
import { eventDue, type EventTerm } from '../../../src/checks/event/sweepRange.js';
import { loadCalendar } from '../../../src/time/calendarFile.js';
import { computeDue, type Term } from '../../../src/time/term.js';

const term = (amount: number, unit: Term['unit'], direction: Term['direction'] = 'after', moveToWorkingDay?: boolean): EventTerm => ({
  term: { amount, unit, direction }, termText: '', shape: direction === 'before' ? 'before' : amount === 0 ? 'same_day' : 'term',
  ...(moveToWorkingDay === undefined ? {} : { moveToWorkingDay }),
});

// The sweep asks for the same deadlines many times a day; the memo must give what computeDue gives
// for every term, zone and date, never one term's deadline for another's.
describe('eventDue', () => {
  const calendar = loadCalendar();
  const terms = [term(3, 'working_days'), term(3, 'days'), term(3, 'days', 'after', false), term(10, 'working_days', 'before'), term(0, 'days'), term(36, 'hours')];
  const zones = ['Asia/Barnaul', 'Asia/Yekaterinburg', 'Asia/Sakhalin'];
  const dates = ['2024-04-26', '2024-04-27', '2024-12-28', '2025-01-08', '2024-09-10T15:30'];

  test('equals computeDue for every term, zone and date, asked twice', () => {
    for (let pass = 0; pass < 2; pass++) {
      for (const t of terms) {
        for (const zone of zones) {
          for (const event of dates) {
            const expected = computeDue({ event, zone, term: t.term, calendar, moveToWorkingDay: t.moveToWorkingDay });
            expect(eventDue(t, zone, calendar, event)).toEqual(expected);
          }
        }
      }
    }
  });

  test('terms that differ only in moving the last day get their own deadlines', () => {
    // 3 calendar days after Thursday 25 April 2024 end on Sunday 28 April; 29 April – 1 May were days off, so the
    // deadline moves to Thursday 2 May unless told not to.
    expect(eventDue(term(3, 'days'), 'Asia/Barnaul', calendar, '2024-04-25').lastDay).toBe('2024-05-02');
    expect(eventDue(term(3, 'days', 'after', false), 'Asia/Barnaul', calendar, '2024-04-25').lastDay).toBe('2024-04-28');
  });
});
