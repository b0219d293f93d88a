import ical, { ICalAlarmType } from 'ical-generator';

/**
 * A one-event calendar (RFC 5545) for a deadline, attached to window notices and reminders so the
 * recipient can add it to their calendar. The UID is the occurrence id and tier, so re-imports
 * update rather than duplicate; an alarm one day before the deadline is included.
 */
export function deadlineIcs(opts: { uid: string; summary: string; description: string; due: string; stamp: Date }): string {
  const calendar = ical({ name: 'Reglament', prodId: { company: 'reglament', product: 'notice', language: 'RU' } });
  const event = calendar.createEvent({ id: `${opts.uid}@reglament`, start: new Date(opts.due), stamp: opts.stamp, summary: opts.summary, description: opts.description });
  event.createAlarm({ type: ICalAlarmType.display, trigger: 24 * 3600, description: opts.summary });
  const ics = calendar.toString();
  return ics.endsWith('\r\n') ? ics : `${ics}\r\n`;
}
