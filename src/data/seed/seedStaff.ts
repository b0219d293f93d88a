import { isoDate } from '../../time/isoDate.js';
import { accountRegisteredAt } from './accountRegisteredAt.js';
import { EDUCATION_LEVELS, personName, POSITIONS } from './names.js';
import { address, landline, mobilePhone, passport, snils } from './personalData.js';
import { pad, type OrganisationPlan } from './planRegion.js';
import { chance, int, outcomeOf, rngFor, shuffled, weighted } from './prng.js';
import { dayOf, latest, minutesBetween, officeMinutes, stampsJson, type SeedContext } from './seedContext.js';
import { RATES, STAFF_DISMISSED_SHARE, STAFF_HIRED_SHARE, STAFF_SIZE } from './seedRates.js';

/** Staff card fields the hire brings (filled when the hire is entered). */
const HIRE_FIELDS = ['organisation_id', 'external_id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'sex', 'citizenship', 'personnel_no', 'main_position', 'hire_date', 'hire_order_no', 'hire_entered_at'] as const;
/**
 * Fields filled afterwards, by the card's fate. `user_roles`, `work_experience` and `staff_category`
 * have no column in `staff` yet; their fill time is recorded in `field_filled_at` only, as the card
 * check's field list expects.
 */
const LATER_FIELDS = ['residence_address', 'registration_address', 'home_phone', 'education_level', 'snils', 'passport', 'user_roles', 'work_experience', 'staff_category'] as const;
/** An obligation met on time by everybody (records from before the played-out year). */
const ALWAYS = { onTime: 1, late: 0, never: 0 } as const;
/** Fields that stay empty on a card that is never completed (one or two of them). */
const OFTEN_MISSING = ['passport', 'snils', 'education_level'] as const;

/**
 * Generates the organisation's staff: the head (named as in the organisation card) and the others,
 * most hired in earlier years with complete cards; this year's hires with their entry times, card
 * completion, ESIA links; and this year's dismissals with the time «Уволить» was pressed. Returns
 * the staff count.
 */
export function seedStaff(ctx: SeedContext, org: OrganisationPlan): number {
  const rnd = rngFor(ctx.seed, 'staff', org.index);
  // Accounts come from their own stream, so the rest of the staff data does not depend on them.
  const accounts = rngFor(ctx.seed, 'staff-accounts', org.index);
  const { clock } = ctx;
  const size = STAFF_SIZE[org.type];
  const count = size.base + Math.ceil(org.students / size.perStudents);
  const positions = POSITIONS[org.type];
  const yearStart = dayOf(ctx, '09-01');
  const yearEnd = dayOf(ctx, '08-31', 1);
  let orderNo = int(rnd, 20, 60);
  for (let i = 0; i < count; i++) {
    const position = i === 0 ? positions.head : weighted(rnd, positions.others);
    const sex = i === 0 ? org.head.sex : chance(rnd, 0.82) ? 'Ж' : 'М';
    const name = i === 0 ? org.head : personName(rnd, sex);
    const age = int(rnd, 22, 64);
    const birth = isoDate(ctx.year - age, int(rnd, 1, 12), int(rnd, 1, 28));
    const personnelNo = pad(i + 1, 4);
    const hiredThisYear = i > 0 && chance(rnd, STAFF_HIRED_SHARE);
    let hireDay: number;
    if (hiredThisYear) {
      hireDay = chance(rnd, 0.6) ? clock.workingBetween(rnd(), dayOf(ctx, '08-15'), dayOf(ctx, '09-15')) : clock.workingBetween(rnd(), dayOf(ctx, '09-16'), dayOf(ctx, '06-30', 1));
    } else {
      const firstYear = Math.max(ctx.year - 30, ctx.year - age + 22);
      hireDay = clock.workingOnOrAfter(clock.day(isoDate(int(rnd, firstYear, ctx.year - 1), int(rnd, 1, 12), int(rnd, 1, 28))));
      if (hireDay >= yearStart) hireDay = clock.workingOnOrBefore(yearStart - 10);
    }
    // Entering the hire order: same or next working day, or late.
    const entry = outcomeOf(rnd, RATES.orderEntry);
    const enteredDay = hiredThisYear ? (entry === 'onTime' ? clock.addWorkingDays(hireDay, int(rnd, 0, 1)) : clock.addWorkingDays(hireDay, int(rnd, 2, 10))) : hireDay;
    const hireEnteredAt = clock.at(enteredDay, officeMinutes(rnd));
    // Completing the card.
    const card = hiredThisYear ? outcomeOf(rnd, RATES.staffCard) : 'onTime';
    let filledAt: string;
    if (!hiredThisYear) filledAt = clock.at(clock.addWorkingDays(hireDay, int(rnd, 0, 2)), officeMinutes(rnd));
    else if (card === 'late') filledAt = clock.at(clock.addWorkingDays(hireDay, int(rnd, 4, 15)), officeMinutes(rnd));
    else filledAt = clock.at(clock.addWorkingDays(hireDay, int(rnd, 0, 2)), officeMinutes(rnd));
    if (filledAt < hireEnteredAt) filledAt = hireEnteredAt;
    const missing = new Set<string>(card === 'never' ? shuffled(rnd, OFTEN_MISSING).slice(0, int(rnd, 1, 2)) : []);
    // ESIA link within 10 days of hire.
    let esia: string | null;
    if (hiredThisYear) {
      const link = outcomeOf(rnd, RATES.staffEsia);
      esia = link === 'never' ? null : clock.at(hireDay + (link === 'onTime' ? int(rnd, 1, 9) : int(rnd, 11, 60)), minutesBetween(rnd, 8, 20));
    } else {
      esia = chance(rnd, 0.85) ? clock.at(hireDay + int(rnd, 3, 200), officeMinutes(rnd)) : null;
    }
    // Dismissal this year: the last working day and when «Уволить» was pressed.
    let dismissalDate: string | null = null;
    let dismissalEnteredAt: string | null = null;
    if (i > 0 && !hiredThisYear && chance(rnd, STAFF_DISMISSED_SHARE)) {
      const day = chance(rnd, 0.4) ? clock.workingBetween(rnd(), dayOf(ctx, '06-20', 1), yearEnd) : clock.workingBetween(rnd(), dayOf(ctx, '09-15'), dayOf(ctx, '06-19', 1));
      dismissalDate = clock.date(day);
      const pressed = outcomeOf(rnd, RATES.staffDismissal);
      if (pressed !== 'never') dismissalEnteredAt = clock.at(pressed === 'onTime' ? day : clock.addWorkingDays(day, int(rnd, 1, 10)), minutesBetween(rnd, 12, 18));
    }
    const residence = missing.has('residence_address') ? null : address(rnd, org.settlement);
    const values: Record<string, string | null> = {
      organisation_id: org.id, external_id: personnelNo, last_name: name.last, first_name: name.first, middle_name: name.middle,
      birth_date: birth, sex, citizenship: chance(rnd, 0.98) ? 'Российская Федерация' : 'Республика Казахстан',
      residence_address: residence, registration_address: residence && chance(rnd, 0.8) ? residence : address(rnd, org.settlement),
      home_phone: chance(rnd, 0.5) ? landline(rnd, ctx.areaCode) : mobilePhone(rnd), personnel_no: personnelNo, main_position: position,
      education_level: missing.has('education_level') ? null : weighted(rnd, EDUCATION_LEVELS),
      snils: missing.has('snils') ? null : snils(rnd),
      passport: missing.has('passport') ? null : passport(rnd, ctx.regionCode, Math.max(ctx.year - age + 20, ctx.year - 19)),
      hire_date: clock.date(hireDay), hire_order_no: `${orderNo++}-к`, hire_entered_at: hireEnteredAt,
    };
    const stamps: Record<string, string | null> = {};
    for (const f of HIRE_FIELDS) stamps[f] = values[f] === null ? null : hireEnteredAt;
    for (const f of LATER_FIELDS) stamps[f] = missing.has(f) || values[f] === null ? null : filledAt;
    stamps.esia_linked_at = esia;
    // A dismissal date becomes known to the system when «Уволить» is pressed.
    stamps.dismissal_date = dismissalEnteredAt;
    stamps.dismissal_entered_at = dismissalEnteredAt;
    // Staff hired before this year have had their accounts since; this year's hires follow the rate.
    const account = accountRegisteredAt(ctx, accounts, hiredThisYear ? RATES.accountRegistration : ALWAYS, hireDay, hireEnteredAt);
    const updated = latest(hireEnteredAt, filledAt, esia, dismissalEnteredAt, account);
    const v = (k: string) => values[k] ?? null;
    ctx.w.add('staff', [
      org.id, personnelNo, name.last, name.first, name.middle, birth, sex, v('citizenship'), v('residence_address'), v('registration_address'),
      v('home_phone'), personnelNo, position, v('education_level'), v('snils'), v('passport'), v('hire_date'), v('hire_order_no'),
      hireEnteredAt, dismissalDate, dismissalEnteredAt, esia, stampsJson(stamps), hireEnteredAt, updated, account,
    ]);
  }
  return count;
}
