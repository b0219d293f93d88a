import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportRejected, type CsvProblem } from '../../src/data/csv/csvProblem.js';
import { fieldTitle, readTable } from '../../src/data/csv/csvTable.js';
import { birthCertificateSeries, date, localDateTime, sex, snils } from '../../src/data/csv/fieldParsers.js';
import { readCsv } from '../../src/data/csv/readCsv.js';
import { organisationInn, parseInn } from '../../src/data/identifiers/inn.js';
import { formatSnils, parseSnils } from '../../src/data/identifiers/snils.js';
import { IMPORT_KINDS } from '../../src/data/import/importCsv.js';

const dir = mkdtempSync(join(tmpdir(), 'reglament-csv-'));
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'csv');

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function rejection(fn: () => unknown): CsvProblem[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ImportRejected) return err.problems;
    throw err;
  }
  throw new Error('expected ImportRejected');
}

describe('readCsv', () => {
  it('detects the delimiter and skips a UTF-8 byte-order mark', () => {
    const semi = readCsv(file('semi.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Фамилия;Имя\nИванов;Иван\n')])));
    expect(semi.delimiter).toBe(';');
    expect(semi.records[0]!.cells).toEqual(['Фамилия', 'Имя']); // no BOM glued to the first header
    const comma = readCsv(file('comma.csv', 'Фамилия,Имя,"Адрес; дом"\nИванов,Иван,"ул. Мира, 1"\n'));
    expect(comma.delimiter).toBe(',');
    expect(comma.records[1]!.cells).toEqual(['Иванов', 'Иван', 'ул. Мира, 1']);
  });

  it('numbers records by the line they start on, across quoted line breaks and blank lines', () => {
    expect(readCsv(file('lf.csv', 'a;b\n1;"x\ny"\n\n2;z\n3;w\n')).records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
    expect(readCsv(file('crlf.csv', 'a;b\r\n1;"x\r\ny"\r\n\r\n2;z\r\n3;w')).records.map((r) => r.line)).toEqual([1, 2, 5, 6]);
  });

  it('refuses a file that is not UTF-8, naming the line', () => {
    const cp1251 = Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0x31, 0x3b, 0x32, 0x0a, 0xc8, 0xe2, 0xe0, 0xed, 0x3b, 0x33, 0x0a]); // «Иван» in windows-1251 on line 3
    const [p] = rejection(() => readCsv(file('cp1251.csv', cp1251), 'cp1251.csv'));
    expect(p).toMatchObject({ file: 'cp1251.csv', line: 3, column: 1 });
    expect(p!.message).toMatch(/не в кодировке UTF-8/);
  });

  it('reports an unclosed quote with its line', () => {
    const [p] = rejection(() => readCsv(file('quote.csv', 'a;b\n1;2\n"3;4\n'), 'quote.csv'));
    expect(p).toMatchObject({ line: 3 });
    expect(p!.message).toMatch(/кавычка/);
  });

  it('refuses an empty file', () => {
    expect(rejection(() => readCsv(file('empty.csv', '\n\n'), 'empty.csv'))[0]!.message).toMatch(/пуст/);
  });
});

describe('readTable', () => {
  it('matches columns by header name in any order, ignoring case, ё and punctuation', () => {
    const problems: CsvProblem[] = [];
    const t = readTable(readCsv(file('order.csv', 'Номер приказа;ВИД ПРИКАЗА;Обучающийся;Дата приказа;Примечание\n5-з;Зачисление;S1;01.09.2024;x\n')), IMPORT_KINDS.orders!.fields, (p) => problems.push(p));
    expect(problems).toEqual([]);
    expect(t.columns.get('kind')).toBe(2);
    expect(t.rows[0]!.values).toMatchObject({ kind: 'enrollment', number: '5-з', student: 'S1', order_date: '2024-09-01' });
    expect(t.ignored).toEqual(['Примечание']);
  });

  it('joins the three header rows of the student-import sheet into column names', () => {
    const problems: CsvProblem[] = [];
    const t = readTable(readCsv(join(FIXTURES, 'students.sheet.csv')), IMPORT_KINDS.students!.fields, (p) => problems.push(p));
    expect(problems).toEqual([]);
    expect(Object.fromEntries(t.columns)).toMatchObject({
      association: 1, last_name: 2, birth_date: 5, passport_series: 7, passport_number: 8, passport_issued_on: 9, passport_issued_by: 10,
      certificate_series: 11, certificate_number: 12, certificate_issued_on: 13, certificate_issued_by: 14, birth_record_no: 15, category: 16, personal_file_no: 17,
    });
    expect(t.rows.map((r) => r.line)).toEqual([4, 5]);
    expect(t.rows[1]!.values).toMatchObject({ passport_series: '7424', certificate_series: 'I-ПН', category: 'Школьники' });
  });

  it('drops the value from a message about a personal column', () => {
    const problems: CsvProblem[] = [];
    readTable(readCsv(file('pd.csv', 'Фамилия;Имя;Паспорт: Дата выдачи\nИванов;Иван;31.02.2020\n'), 'pd.csv'), IMPORT_KINDS.students!.fields, (p) => problems.push(p));
    const message = problems.find((p) => p.column === 3)!.message;
    expect(message).toBe('паспорт: дата выдачи не существует');
  });

  it('reports a missing required column and a column given twice', () => {
    const problems: CsvProblem[] = [];
    readTable(readCsv(file('missing.csv', 'Номер приказа;Вид приказа;Дата приказа;№ приказа\n1;перевод;01.09.2024;2\n'), 'missing.csv'), IMPORT_KINDS.orders!.fields, (p) => problems.push(p));
    expect(problems.map((p) => `${p.line}:${p.column}: ${p.message}`)).toEqual([
      expect.stringMatching(/^1:4: столбец «Номер приказа» повторяется/),
      '1:1: нет обязательного столбца «Обучающийся»',
    ]);
  });
});

describe('cell parsers', () => {
  it('dates: format, existence, with the value in the message', () => {
    expect(date()('05.09.2024', 'дата')).toEqual({ value: '2024-09-05' });
    expect(date()('5.9.2024', 'дата')).toEqual({ value: '2024-09-05' });
    expect(date()('2024-09-05', 'дата')).toEqual({ value: '2024-09-05' });
    expect(date()('31.02.2010', 'дата рождения')).toEqual({ reason: 'дата рождения «31.02.2010» не существует' });
    expect(date()('2010/01/01', 'дата')).toEqual({ reason: expect.stringMatching(/не похожа на дату/) });
    expect(localDateTime('02.09.2024 18:10', 'время')).toEqual({ value: '2024-09-02T18:10' });
    expect(localDateTime('02.09.2024 25:10', 'время')).toEqual({ reason: expect.stringMatching(/нет такого времени/) });
  });

  it('SNILS: check number, canonical form, no value in the reason', () => {
    expect(snils('11223344595', 'СНИЛС')).toEqual({ value: '112-233-445 95' });
    const bad = snils('112-233-445 96', 'СНИЛС');
    expect(bad).toEqual({ reason: 'СНИЛС: неверное контрольное число' });
    expect(parseSnils('001-001-998 00')).toEqual({ reason: expect.stringMatching(/не выдаётся/) });
    expect(formatSnils('123456789')).toBe('123-456-789 64');
  });

  it('ИНН: check digits for organisations and entrepreneurs', () => {
    expect(parseInn(organisationInn('890101234'))).toEqual({ value: '8901012341' });
    expect(parseInn('8901012345')).toEqual({ reason: expect.stringMatching(/контрольная цифра/) });
    expect(parseInn('500100732259')).toEqual({ value: '500100732259' });
  });

  it('birth-certificate series accept Cyrillic look-alikes of Roman numerals', () => {
    expect(birthCertificateSeries('ІІІ-то', 'серия')).toEqual({ value: 'III-ТО' });
    expect(birthCertificateSeries('XX-ZZ', 'серия')).toEqual({ reason: expect.not.stringContaining('XX-ZZ') });
    expect(sex('жен.', 'пол')).toEqual({ value: 'Ж' });
  });

  it('field titles keep abbreviations', () => {
    expect(fieldTitle('Родитель 1: СНИЛС')).toBe('родитель 1: СНИЛС');
    expect(fieldTitle('Дата рождения')).toBe('дата рождения');
  });
});
