/**
 * СНИЛС (insurance number of an individual): 9 digits and a 2-digit check number. The check number
 * is the sum of each digit times its weight (9 down to 1); a sum of 100 or 101 gives 00, a larger
 * one is taken modulo 101 first. Numbers up to 001-001-998 predate the check and are not issued.
 */

/** The check number of the 9-digit `body`. */
export function snilsCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  let check = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101;
  if (check === 100) check = 0;
  return String(check).padStart(2, '0');
}

/** A SNILS written as `123-456-789 01` from a 9-digit body. */
export function formatSnils(body: string): string {
  return `${body.slice(0, 3)}-${body.slice(3, 6)}-${body.slice(6, 9)} ${snilsCheck(body)}`;
}

/**
 * Normalises and validates a SNILS in any usual spelling (`12345678901`, `123-456-789 01`).
 * Returns the canonical `123-456-789 01`, or the Russian reason it is not valid (without the value).
 */
export function parseSnils(text: string): { value: string } | { reason: string } {
  const digits = text.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(digits)) return { reason: 'СНИЛС должен состоять из 11 цифр (формат 123-456-789 01)' };
  const body = digits.slice(0, 9);
  if (Number(body) <= 1001998) return { reason: 'СНИЛС с таким номером не выдаётся (номер не больше 001-001-998)' };
  if (snilsCheck(body) !== digits.slice(9)) return { reason: 'СНИЛС: неверное контрольное число' };
  return { value: formatSnils(body) };
}
