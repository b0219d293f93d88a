import { formatSnils } from '../identifiers/snils.js';
import { pad } from './planRegion.js';
import { chance, int, pickOne, type Rng } from './prng.js';

/**
 * Fictitious personal data in the formats of the real documents (valid SNILS check numbers,
 * passport series made of the region code and the issue year), so that import validation and card
 * checks see realistic values. None of it belongs to anybody.
 */

const STREETS = ['Ленина', 'Советская', 'Мира', 'Школьная', 'Молодёжная', 'Садовая', 'Центральная', 'Лесная', 'Новая', 'Набережная', 'Победы', 'Гагарина', 'Заводская', 'Полевая', 'Юбилейная'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const CYRILLIC = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';

/** A mobile number, `+7 913 123-45-67`. */
export function mobilePhone(rnd: Rng): string {
  return `+7 9${pad(int(rnd, 0, 99), 2)} ${int(rnd, 100, 999)}-${pad(int(rnd, 0, 99), 2)}-${pad(int(rnd, 0, 99), 2)}`;
}

/** A landline number with the region's area code, `+7 (3852) 12-34-56`. */
export function landline(rnd: Rng, areaCode: string): string {
  const digits = 10 - areaCode.length;
  const n = pad(int(rnd, 0, 10 ** digits - 1), digits);
  return `+7 (${areaCode}) ${n.slice(0, digits - 4)}-${n.slice(-4, -2)}-${n.slice(-2)}`;
}

/** A SNILS with a valid check number. */
export function snils(rnd: Rng): string {
  return formatSnils(pad(int(rnd, 2_000_000, 999_999_999), 9));
}

/** A Russian passport, `0118 123456` (series: region code and the two last digits of the issue year). */
export function passport(rnd: Rng, regionCode: string, issueYear: number): string {
  return `${regionCode}${pad(issueYear % 100, 2)} ${pad(int(rnd, 100_000, 999_999), 6)}`;
}

/** A birth certificate, `III-ТО 123456`. */
export function birthCertificate(rnd: Rng): string {
  return `${pickOne(rnd, ROMAN)}-${pickOne(rnd, [...CYRILLIC])}${pickOne(rnd, [...CYRILLIC])} ${pad(int(rnd, 100_000, 999_999), 6)}`;
}

/** A civil-registry record number: 21 digits since the 2018 unified register, shorter before. */
export function birthRecordNo(rnd: Rng, birthYear: number): string {
  if (birthYear >= 2018) return `1${pad(int(rnd, 0, 99_999), 5)}${pad(int(rnd, 0, 99_999), 5)}${pad(int(rnd, 0, 99_999), 5)}${pad(int(rnd, 0, 99_999), 5)}`;
  return String(int(rnd, 1, 2999));
}

/** A street address in `settlement`. */
export function address(rnd: Rng, settlement: string): string {
  const flat = settlement.startsWith('г.') && chance(rnd, 0.7) ? `, кв. ${int(rnd, 1, 120)}` : '';
  return `${settlement}, ул. ${pickOne(rnd, STREETS)}, д. ${int(rnd, 1, 85)}${flat}`;
}
