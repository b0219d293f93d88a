import type { CalendarData } from '../time/calendarData.js';
import { yearOf } from '../time/isoDate.js';
import type { Term } from '../time/term.js';
import { calendarDays } from './calendarDays.js';
import { termRu } from './describeEventRule.js';
import { addHours, localDateOf, startOfLocalDay } from './localDay.js';
import type { PlannedDeadline, PlannedReminder } from './occurrence.js';
import { isProvisionalYear } from './provisionalYears.js';

/**
 * The reminders before one deadline. A reminder «N рабочих дней» goes out at the start (00:00
 * local) of the working day N working days before the last day — so the responsible person still
 * has N + 1 working days, the last day included; «N дней» counts calendar days the same way; «N
 * часов» is exactly N hours before the due instant. The term's direction word is ignored: reminders
 * always come before. Throws `ZoneError` for an unknown zone.
 */
export function planReminders(terms: Term[], deadline: PlannedDeadline, cal: CalendarData, zone: string): PlannedReminder[] {
  const days = calendarDays(cal);
  return terms.map((term, index) => {
    let at: string;
    let day: string;
    if (term.unit === 'hours') {
      at = addHours(deadline.due, -term.amount, zone);
      day = localDateOf(at, zone);
    } else {
      day = term.unit === 'days' ? days.addDays(deadline.lastDay, -term.amount) : days.addWorkingDays(deadline.lastDay, -term.amount);
      at = startOfLocalDay(day, zone);
    }
    return { tier: deadline.tier, index, term: termRu(term), at, provisional: isProvisionalYear(cal, yearOf(day)) };
  });
}
