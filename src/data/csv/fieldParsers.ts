import { isIsoDate } from '../../time/isoDate.js';
import { parseInn } from '../identifiers/inn.js';
import { parseSnils } from '../identifiers/snils.js';

/**
 * Parsers of cell values. Each takes the trimmed, non-empty text and the field's Russian title
 * (lower case, for the message) and returns the value or a Russian reason. Parsers of personal
 * fields never quote the value: a reason may be shown to anyone who reads the import log.
 */
export type Parsed<T> = { value: T } | { reason: string };
/** A cell parser. */
export type CellParser<T = unknown> = (text: string, title: string) => Parsed<T>;

/** Plain text up to `max` characters. */
export const text = (max = 500): CellParser<string> => (t, title) => (t.length <= max ? { value: t } : { reason: `${title}: не длиннее ${max} символов` });

/** A personal name part: letters (any alphabet), with inner hyphens, apostrophes and spaces. Never quoted. */
export const nameText: CellParser<string> = (t, title) =>
  /^\p{L}+(?:[ '’-]\p{L}+)*\.?$/u.test(t) && t.length <= 100 ? { value: t } : { reason: `${title}: допустимы только буквы, дефис, апостроф и пробел (не длиннее 100 символов)` };

/** Personal free text (addresses, issuing authorities): length only, never quoted. */
export const personalText = (max = 300): CellParser<string> => (t, title) => (t.length <= max ? { value: t } : { reason: `${title}: не длиннее ${max} символов` });

/** A date `ДД.ММ.ГГГГ` (also `Д.М.ГГГГ` and `ГГГГ-ММ-ДД`), between `minYear` and `maxYear`. Returns ISO `YYYY-MM-DD`. */
export const date = (minYear = 1900, maxYear = 2100): CellParser<string> => (t, title) => {
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  let iso: string | null = null;
  if (m) iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  else if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) iso = t;
  if (!iso) return { reason: `${title} «${t}» не похожа на дату: ожидается ДД.ММ.ГГГГ` };
  if (!isIsoDate(iso)) return { reason: `${title} «${t}» не существует` };
  const y = Number(iso.slice(0, 4));
  if (y < minYear || y > maxYear) return { reason: `${title} «${t}» вне допустимых лет ${minYear}–${maxYear}` };
  return { value: iso };
};

/** A local date and time `ДД.ММ.ГГГГ ЧЧ:ММ` (or `ГГГГ-ММ-ДД ЧЧ:ММ`, `ГГГГ-ММ-ДДTЧЧ:ММ`). Returns `YYYY-MM-DDTHH:MM` (local, no zone). */
export const localDateTime: CellParser<string> = (t, title) => {
  const m = /^(.+?)[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (!m) return { reason: `${title} «${t}»: ожидается ДД.ММ.ГГГГ ЧЧ:ММ` };
  const d = date(1990, 2100)(m[1]!, title);
  if ('reason' in d) return d;
  const h = Number(m[2]);
  const min = Number(m[3]);
  if (h > 23 || min > 59 || Number(m[4] ?? 0) > 59) return { reason: `${title} «${t}»: нет такого времени суток` };
  return { value: `${d.value}T${String(h).padStart(2, '0')}:${m[3]}` };
};

/** «М» or «Ж» (also «муж.», «жен.», «мужской», «женский», M, F). */
export const sex: CellParser<'М' | 'Ж'> = (t, title) => {
  const v = t.toLowerCase().replace(/\.$/, '');
  if (['м', 'муж', 'мужской', 'm', 'male'].includes(v)) return { value: 'М' };
  if (['ж', 'жен', 'женский', 'f', 'female'].includes(v)) return { value: 'Ж' };
  return { reason: `${title} «${t}»: ожидается М или Ж` };
};

/** A SNILS with a valid check number, canonicalised to `123-456-789 01`. Never quoted. */
export const snils: CellParser<string> = (t, title) => {
  const r = parseSnils(t);
  return 'reason' in r ? { reason: `${title}: ${r.reason.replace(/^СНИЛС:? ?/, '')}` } : r;
};

/** An ИНН with valid check digits. */
export const inn: CellParser<string> = (t) => parseInn(t);

/** A telephone number of 10–11 digits (`+7 …`, `8 …`, with spaces, brackets, hyphens). Never quoted. */
export const phone: CellParser<string> = (t, title) => {
  const digits = t.replace(/[\s()+-]/g, '');
  return /^\d{10,11}$/.test(digits) ? { value: t } : { reason: `${title}: ожидается номер из 10–11 цифр, например +7 913 123-45-67` };
};

/** An e-mail address. */
export const email: CellParser<string> = (t, title) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t) && t.length <= 200 ? { value: t } : { reason: `${title} «${t}» не похож на адрес электронной почты` });

/** An http(s) address. */
export const url: CellParser<string> = (t, title) => (/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(t) ? { value: t } : { reason: `${title} «${t}»: ожидается адрес вида https://school.example` });

/** A decimal in [min, max]; a comma is accepted as the decimal separator. */
export const decimal = (min: number, max: number): CellParser<number> => (t, title) => {
  const n = Number(t.replace(',', '.'));
  return /^-?\d+([.,]\d+)?$/.test(t) && n >= min && n <= max ? { value: n } : { reason: `${title} «${t}»: ожидается число от ${min} до ${max}` };
};

/** A whole number in [min, max]. */
export const wholeNumber = (min: number, max: number): CellParser<number> => (t, title) =>
  /^\d+$/.test(t) && Number(t) >= min && Number(t) <= max ? { value: Number(t) } : { reason: `${title} «${t}»: ожидается целое число от ${min} до ${max}` };

/** One of a fixed set of values, matched case-insensitively (ё = е); `values` maps spellings to values. */
export const oneOf = <T>(values: Record<string, T>, shownChoices: string): CellParser<T> => {
  const table = new Map(Object.entries(values).map(([k, v]) => [normaliseWord(k), v]));
  return (t, title) => {
    const v = table.get(normaliseWord(t));
    return v === undefined ? { reason: `${title} «${t}»: ожидается ${shownChoices}` } : { value: v };
  };
};

/** An identifier: letters, digits, `.`, `_`, `-`, `/` (up to 100 characters). */
export const identifier: CellParser<string> = (t, title) =>
  /^[\p{L}\d][\p{L}\d._/-]{0,99}$/u.test(t) ? { value: t } : { reason: `${title} «${t}»: допустимы буквы, цифры, точка, дефис, подчёркивание и косая черта` };

/** Passport series: 4 digits (a space inside is allowed). Never quoted. */
export const passportSeries: CellParser<string> = (t, title) => {
  const d = t.replace(/\s/g, '');
  return /^\d{4}$/.test(d) ? { value: d } : { reason: `${title}: ожидаются 4 цифры` };
};

/** Passport or birth-certificate number: 6 digits. Never quoted. */
export const documentNumber: CellParser<string> = (t, title) => (/^\d{6}$/.test(t) ? { value: t } : { reason: `${title}: ожидаются 6 цифр` });

/** Birth-certificate series: Roman numerals, a hyphen and two Cyrillic capitals (`III-ТО`). Never quoted. */
export const birthCertificateSeries: CellParser<string> = (t, title) => {
  // Cyrillic look-alikes of Roman numerals are common in typed series.
  const v = t.replace(/\s/g, '').toUpperCase().replace(/^[ІIVXLCХС]+/, (r) => r.replace(/І/g, 'I').replace(/Х/g, 'X').replace(/С/g, 'C'));
  return /^[IVXLC]{1,6}-[А-ЯЁ]{2}$/.test(v) ? { value: v } : { reason: `${title}: ожидаются римские цифры, дефис и две русские буквы (например, III-ТО)` };
};

/** A civil-registry record number: up to 22 digits. Never quoted. */
export const recordNumber: CellParser<string> = (t, title) => (/^\d{1,22}$/.test(t) ? { value: t } : { reason: `${title}: ожидаются только цифры` });

/** A health group I–V (Roman or Arabic). */
export const healthGroup: CellParser<string> = (t, title) => {
  const v = ({ '1': 'I', '2': 'II', '3': 'III', '4': 'IV', '5': 'V' } as Record<string, string>)[t] ?? t.toUpperCase().replace(/І/g, 'I').replace(/У/g, 'V');
  return ['I', 'II', 'III', 'IV', 'V'].includes(v) ? { value: v } : { reason: `${title} «${t}»: ожидается I, II, III, IV или V` };
};

/** Lower case, `ё` → `е`, punctuation to spaces, spaces collapsed: how headers and choices are compared. */
export function normaliseWord(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\d]+/gu, ' ').trim();
}
