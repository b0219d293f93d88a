import { DateTime } from 'luxon';
test('luxon zones work', () => {
  expect(DateTime.fromISO('2024-05-03T24:00', { zone: 'Asia/Yekaterinburg' }).toUTC().toISO()).toBe('2024-05-03T19:00:00.000Z');
});
