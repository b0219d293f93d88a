/** A legal term: an amount of units counted after or before an event. */
export interface Term {
  amount: number;
  unit: 'working_days' | 'days' | 'hours';
  direction: 'after' | 'before';
}

/** Thrown by `parseTerm` for text that is not a term; the message says what is accepted. */
export class TermSyntaxError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(
      `Не удалось разобрать срок «${input}»: ${reason}. Ожидается, например: «3 рабочих дня», «10 календарных дней», ` +
        '«2 часа», «10 рабочих дней до», «3 working days», «10 days», «1 hour», «10 working days before».',
    );
    this.name = 'TermSyntaxError';
  }
}

// Russian nouns agree with the number (1 день, 2 дня, 5 дней), so every form is listed, and we check
// the agreement: "3 рабочих дней" is a typo worth reporting rather than guessing.
const RU_WORKING: Record<string, Form> = {
  'рабочий день': 'one',
  'рабочих дня': 'few',
  'рабочих дней': 'many',
};
const RU_DAYS: Record<string, Form> = {
  'день': 'one',
  'дня': 'few',
  'дней': 'many',
  'календарный день': 'one',
  'календарных дня': 'few',
  'календарных дней': 'many',
};
const RU_HOURS: Record<string, Form> = { 'час': 'one', 'часа': 'few', 'часов': 'many' };

type Form = 'one' | 'few' | 'many';

const MAX_AMOUNT = 100_000;

/**
 * Parses a term written in English ("3 working days", "1 hour", "10 working days before") or Russian
 * ("3 рабочих дня", "10 календарных дней", "2 часа", "10 рабочих дней до"). Whitespace and case are
 * ignored; a trailing "after"/"после" is accepted and is the default direction. The amount is a
 * non-negative integer. Throws `TermSyntaxError` for anything else, including a Russian noun form
 * that does not agree with the number ("3 рабочих дней").
 */
export function parseTerm(text: string): Term {
  if (typeof text !== 'string') throw new TermSyntaxError(String(text), 'срок должен быть строкой');
  const normalized = text.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
  const match = /^(\d+) (.+)$/.exec(normalized);
  if (!match) throw new TermSyntaxError(text, 'срок должен начинаться с целого неотрицательного числа');
  const amount = Number(match[1]);
  if (!Number.isSafeInteger(amount) || amount > MAX_AMOUNT) throw new TermSyntaxError(text, `число больше ${MAX_AMOUNT}`);
  let rest = match[2]!;

  let direction: Term['direction'] = 'after';
  const directionMatch = /^(.*?) (before|after|до|после)$/.exec(rest);
  if (directionMatch) {
    rest = directionMatch[1]!;
    direction = directionMatch[2] === 'before' || directionMatch[2] === 'до' ? 'before' : 'after';
  }

  const english = EN_UNITS[rest];
  if (english) return { amount, unit: english, direction };

  for (const [unit, forms] of [
    ['working_days', RU_WORKING],
    ['days', RU_DAYS],
    ['hours', RU_HOURS],
  ] as const) {
    const form = forms[rest];
    if (form === undefined) continue;
    const expected = russianForm(amount);
    if (form !== expected) {
      const right = Object.entries(forms).find(([phrase, f]) => f === expected && phrase.split(' ').length === rest.split(' ').length)?.[0];
      throw new TermSyntaxError(text, `форма слова не согласована с числом${right ? ` — правильно «${amount} ${right}»` : ''}`);
    }
    return { amount, unit, direction };
  }
  throw new TermSyntaxError(text, `неизвестная единица «${rest}»`);
}

/** Russian text of a term, agreeing with the number: "3 рабочих дня до". */
export function formatTermRu(term: Term): string {
  const form = russianForm(term.amount);
  const dictionary = term.unit === 'working_days' ? RU_WORKING : term.unit === 'hours' ? RU_HOURS : RU_DAYS;
  const phrase = Object.entries(dictionary).find(([p, f]) => f === form && (term.unit !== 'days' || p.startsWith('календарн')))![0];
  return `${term.amount} ${phrase}${term.direction === 'before' ? ' до' : ''}`;
}

// English is forgiving about "1 days" or "3 day" in practice, so number agreement is not checked.
const EN_UNITS: Record<string, Term['unit']> = {
  'working day': 'working_days',
  'working days': 'working_days',
  'business day': 'working_days',
  'business days': 'working_days',
  day: 'days',
  days: 'days',
  'calendar day': 'days',
  'calendar days': 'days',
  hour: 'hours',
  hours: 'hours',
};

function russianForm(n: number): Form {
  const lastTwo = n % 100;
  const last = n % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return 'many';
  if (last === 1) return 'one';
  if (last >= 2 && last <= 4) return 'few';
  return 'many';
}
