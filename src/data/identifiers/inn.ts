/**
 * ИНН: 10 digits for an organisation (one check digit), 12 for an individual entrepreneur (two).
 * Each check digit is a weighted sum of the preceding digits modulo 11, then modulo 10.
 */

const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: string, weights: number[]): string {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return String((sum % 11) % 10);
}

/** A valid 10-digit organisation ИНН from its first 9 digits. */
export function organisationInn(first9: string): string {
  return first9 + checkDigit(first9, W10);
}

/** Validates an ИНН (10 or 12 digits). Returns it, or the Russian reason it is not valid. */
export function parseInn(text: string): { value: string } | { reason: string } {
  const digits = text.replace(/\s/g, '');
  if (/^\d{10}$/.test(digits)) {
    return checkDigit(digits, W10) === digits[9] ? { value: digits } : { reason: `ИНН «${text}»: неверная контрольная цифра` };
  }
  if (/^\d{12}$/.test(digits)) {
    const ok = checkDigit(digits, W11) === digits[10] && checkDigit(digits, W12) === digits[11];
    return ok ? { value: digits } : { reason: `ИНН «${text}»: неверные контрольные цифры` };
  }
  return { reason: `ИНН «${text}» должен состоять из 10 цифр (организация) или 12 цифр (индивидуальный предприниматель)` };
}
