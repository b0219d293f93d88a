import { describe, expect, test } from '@jest/globals';
import { formatTermRu, parseTerm, TermSyntaxError, type Term } from '../../src/time/term.js';

const t = (amount: number, unit: Term['unit'], direction: Term['direction'] = 'after'): Term => ({ amount, unit, direction });

describe('parseTerm accepts English', () => {
  test.each<[string, Term]>([
    ['3 working days', t(3, 'working_days')],
    ['1 working day', t(1, 'working_days')],
    ['5 business days', t(5, 'working_days')],
    ['10 days', t(10, 'days')],
    ['10 calendar days', t(10, 'days')],
    ['1 day', t(1, 'days')],
    ['1 hour', t(1, 'hours')],
    ['2 hours', t(2, 'hours')],
    ['10 working days before', t(10, 'working_days', 'before')],
    ['3 days after', t(3, 'days')],
    ['  3   Working   Days  ', t(3, 'working_days')],
    ['0 days', t(0, 'days')],
  ])('%s', (text, expected) => expect(parseTerm(text)).toEqual(expected));
});

describe('parseTerm accepts Russian with number agreement', () => {
  test.each<[string, Term]>([
    ['3 рабочих дня', t(3, 'working_days')],
    ['1 рабочий день', t(1, 'working_days')],
    ['5 рабочих дней', t(5, 'working_days')],
    ['21 рабочий день', t(21, 'working_days')],
    ['11 рабочих дней', t(11, 'working_days')],
    ['22 рабочих дня', t(22, 'working_days')],
    ['10 дней', t(10, 'days')],
    ['1 день', t(1, 'days')],
    ['2 дня', t(2, 'days')],
    ['10 календарных дней', t(10, 'days')],
    ['1 календарный день', t(1, 'days')],
    ['1 час', t(1, 'hours')],
    ['2 часа', t(2, 'hours')],
    ['24 часа', t(24, 'hours')],
    ['72 часа', t(72, 'hours')],
    ['5 часов', t(5, 'hours')],
    ['10 рабочих дней до', t(10, 'working_days', 'before')],
    ['3 дня до', t(3, 'days', 'before')],
    ['3 рабочих дня после', t(3, 'working_days')],
    ['3 РАБОЧИХ ДНЯ', t(3, 'working_days')],
  ])('%s', (text, expected) => expect(parseTerm(text)).toEqual(expected));
});

describe('parseTerm rejects with a clear TermSyntaxError', () => {
  test.each<[string, RegExp]>([
    ['', /начинаться с целого неотрицательного числа/],
    ['three working days', /начинаться с целого/],
    ['-3 days', /начинаться с целого/],
    ['3.5 days', /начинаться с целого/],
    ['3 weeks', /неизвестная единица «weeks»/],
    ['3 рабочих', /неизвестная единица «рабочих»/],
    ['3 рабочих дней', /не согласована с числом — правильно «3 рабочих дня»/],
    ['5 рабочих дня', /правильно «5 рабочих дней»/],
    ['1 часа', /правильно «1 час»/],
    ['11 рабочий день', /правильно «11 рабочих дней»/],
    ['10 working days until', /неизвестная единица/],
    ['1000000 days', /число больше/],
  ])('%j', (text, message) => {
    expect(() => parseTerm(text)).toThrow(TermSyntaxError);
    expect(() => parseTerm(text)).toThrow(message);
  });

  test('the message quotes the input and shows examples', () => {
    expect(() => parseTerm('3 weeks')).toThrow(/«3 weeks».*Ожидается, например: «3 рабочих дня»/s);
  });
});

test('formatTermRu agrees with the number', () => {
  expect(formatTermRu(t(3, 'working_days'))).toBe('3 рабочих дня');
  expect(formatTermRu(t(1, 'working_days', 'before'))).toBe('1 рабочий день до');
  expect(formatTermRu(t(10, 'days'))).toBe('10 календарных дней');
  expect(formatTermRu(t(21, 'hours'))).toBe('21 час');
  for (const text of ['3 рабочих дня', '10 календарных дней до', '2 часа', '11 рабочих дней']) expect(formatTermRu(parseTerm(text))).toBe(text);
});
