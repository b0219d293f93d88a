import { addDays, isoDate } from '../../time/isoDate.js';
import { accountRegisteredAt } from './accountRegisteredAt.js';
import { familySurname, personName } from './names.js';
import type { ClassDef, Skeleton } from './orgSkeleton.js';
import { birthCertificate, birthRecordNo, landline, mobilePhone, passport, snils } from './personalData.js';
import { pad, type MunicipalityPlan, type OrganisationPlan } from './planRegion.js';
import { chance, int, outcomeOf, pickOne, rngFor, shuffled, weighted, type Outcome, type Rng } from './prng.js';
import { dayOf, latest, minutesBetween, officeMinutes, stampsJson, type SeedContext } from './seedContext.js';
import { movementOrderExtras } from './seedRecords.js';
import {
  CERTIFICATE_SHARE, DROPOUT_SHARE, ESERVICES_SHARE, GRADE9_LEAVERS_SHARE, MAIN_INTAKE_SHARE, NEW_INTAKE_SHARE, ODO_COMPLETION_SHARE,
  PARENTS_PER_STUDENT, RATES,
} from './seedRates.js';

/** Card fields filled when the student is created (from the order and the documents). */
const BASE_FIELDS = [
  'organisation_id', 'external_id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'sex', 'citizenship', 'passport',
  'passport_issued_on', 'passport_issued_by', 'birth_certificate', 'birth_certificate_issued_on', 'birth_certificate_issued_by',
  'birth_record_no', 'class_group_id',
] as const;
/** Card fields filled afterwards (the ones the 3-working-day rule waits for). */
const LATER_FIELDS = ['home_phone', 'personal_file_no', 'health_group', 'snils'] as const;
/** An obligation met on time by everybody (records from before the played-out year). */
const ALWAYS = { onTime: 1, late: 0, never: 0 } as const;
/** Fields left empty on a card that is never completed (one or two of them). */
const NEVER_FILLED = ['home_phone', 'personal_file_no', 'health_group'] as const;

const CITIZENSHIPS = [['Российская Федерация', 0.97], ['Республика Казахстан', 0.012], ['Кыргызская Республика', 0.01], ['Республика Таджикистан', 0.008]] as const;
const HEALTH = [['I', 0.3], ['II', 0.55], ['III', 0.12], ['IV', 0.03]] as const;
const DROPOUT_REASONS = ['перевод в другую образовательную организацию', 'смена места жительства', 'по заявлению родителей (законных представителей)'];

/** Orders of one kind on one day share a number, as mass orders do. */
class OrderBook {
  private next: number;
  private readonly numbers = new Map<string, string>();
  constructor(rnd: Rng) {
    this.next = int(rnd, 1, 40);
  }
  /** The number of the `kind` order of `day` (`group` separates orders of the same day, e.g. per grade). */
  number(kind: string, day: number, suffix: string, group = ''): string {
    const key = `${kind}|${day}|${group}`;
    let n = this.numbers.get(key);
    if (!n) this.numbers.set(key, (n = `${this.next++}-${suffix}`));
    return n;
  }
}

/** What the journal needs to know of a class: its students who stay all year. */
export type ClassMembers = Map<number, string[]>;

/**
 * Generates the students of every class with their parents, enrollment orders of the year (with
 * card completion, consents and ESIA links played out by `RATES`), dropouts during the year, the
 * year-end transfer and graduation orders, and ПФДО certificates. Students enrolled in earlier years
 * come with complete cards and no order in the data. Returns the members of the `journaled` classes.
 */
export function seedStudents(ctx: SeedContext, org: OrganisationPlan, skeleton: Skeleton, classIds: Map<string, number>, journaled: Set<number>): ClassMembers {
  const rnd = rngFor(ctx.seed, 'students', org.index);
  // Accounts come from their own stream, so the rest of the students' data does not depend on them.
  const accounts = rngFor(ctx.seed, 'accounts', org.index);
  const orders = new OrderBook(rnd);
  const members: ClassMembers = new Map();
  let seq = 0;
  skeleton.classes.forEach((c, ci) => {
    // The class's year-end order: one fate and one day for all its students.
    const yearEnd = yearEndPlan(ctx, org, c, rnd);
    const stay: string[] = [];
    for (let k = 0; k < c.size; k++) {
      const ext = `S${pad(++seq, 5)}`;
      const left = seedStudent(ctx, org, c, classIds.get(c.name) ?? null, ext, seq, orders, yearEnd, rnd, accounts);
      if (!left) stay.push(ext);
    }
    if (journaled.has(ci)) members.set(ci, stay);
  });
  return members;
}

/** One student: the card, the enrollment or earlier enrollment, consents, ESIA, leaving, parents, certificate. Returns whether the student left during the year. */
function seedStudent(ctx: SeedContext, org: OrganisationPlan, c: ClassDef, classId: number | null, ext: string, seq: number, orders: OrderBook, yearEnd: YearEndPlan, rnd: Rng, accounts: Rng): boolean {
  const { clock } = ctx;
  const sex = chance(rnd, 0.5) ? 'М' : 'Ж';
  const surname = familySurname(rnd);
  const name = personName(rnd, sex, surname);
  const age = c.band === 'additional' ? int(rnd, 7, 17) : c.age;
  const birthYear = ctx.year - age - (chance(rnd, 0.67) ? 1 : 0);
  const birth = isoDate(birthYear, int(rnd, 1, 12), int(rnd, 1, 28));
  const isNew = c.intake || (org.type === 'ООО' && c.grade === 10 && chance(rnd, 0.5)) || chance(rnd, NEW_INTAKE_SHARE[org.type]);

  // Enrollment: this year's order, or an earlier enrollment without an order in the data.
  let orderDay: number;
  let createdAt: string;
  let fillAt: string;
  let card: Outcome = 'onTime';
  if (isNew) {
    orderDay = chance(rnd, MAIN_INTAKE_SHARE)
      ? clock.workingBetween(rnd(), dayOf(ctx, '08-20'), dayOf(ctx, '09-15'))
      : clock.workingBetween(rnd(), dayOf(ctx, '10-01'), dayOf(ctx, '05-15', 1));
    const entry = outcomeOf(rnd, RATES.orderEntry);
    let enteredMs = clock.ms(clock.addWorkingDays(orderDay, entry === 'onTime' ? int(rnd, 0, 1) : int(rnd, 2, 10)), officeMinutes(rnd));
    card = outcomeOf(rnd, RATES.studentCard);
    let fillMs = clock.ms(clock.addWorkingDays(orderDay, card === 'late' ? int(rnd, 4, 15) : int(rnd, 0, 2)), officeMinutes(rnd));
    // A card cannot be filled before the order is in the system: an on-time card means the order was entered first.
    if (card !== 'late' && enteredMs > fillMs) enteredMs = fillMs - 15 * 60_000;
    if (fillMs < enteredMs) fillMs = enteredMs + 30 * 60_000;
    createdAt = new Date(enteredMs).toISOString();
    fillAt = new Date(fillMs).toISOString();
    const reason = c.intake ? 'заявление родителей (законных представителей)' : pickOne(rnd, ['заявление родителей (законных представителей)', 'перевод из другой образовательной организации']);
    ctx.w.add('movement_orders', [org.id, ext, 'enrollment', orders.number('enrollment', orderDay, 'з'), clock.date(orderDay), createdAt, reason, ...movementOrderExtras(ctx, org, ext, 'enrollment', orderDay, createdAt, reason)]);
  } else {
    const yearsAgo = c.band === 'primary' || c.band === 'basic' || c.band === 'senior' || c.band === 'vocational' ? Math.max(1, (c.grade ?? 2) - 1) : c.band === 'preschool' ? Math.max(1, c.age - 2) : int(rnd, 1, 3);
    orderDay = clock.workingOnOrAfter(clock.day(`${ctx.year - yearsAgo}-08-${int(rnd, 20, 31)}`));
    createdAt = clock.at(orderDay, officeMinutes(rnd));
    fillAt = clock.at(clock.addWorkingDays(orderDay, int(rnd, 0, 2)), officeMinutes(rnd));
  }
  const missing = new Set<string>(card === 'never' ? shuffled(rnd, NEVER_FILLED).slice(0, int(rnd, 1, 2)) : []);
  const eservices = chance(rnd, ESERVICES_SHARE);

  // Documents: a birth certificate for everybody, a passport from 14.
  const m = org.municipality;
  const certificateIssued = addDays(birth, int(rnd, 5, 30));
  const hasPassport = age >= 14;
  const passportIssued = hasPassport ? addDays(`${birthYear + 14}-${birth.slice(5)}`, int(rnd, 5, 60)) : null;
  const values: Record<string, string | number | null> = {
    organisation_id: org.id, external_id: ext, last_name: name.last, first_name: name.first, middle_name: name.middle, birth_date: birth, sex,
    citizenship: weighted(rnd, CITIZENSHIPS),
    home_phone: missing.has('home_phone') ? null : chance(rnd, 0.4) ? landline(rnd, ctx.areaCode) : mobilePhone(rnd),
    personal_file_no: missing.has('personal_file_no') ? null : `${pad(seq, 4)}/${clock.date(orderDay).slice(0, 4)}`,
    snils: eservices ? snils(rnd) : null,
    health_group: missing.has('health_group') ? null : weighted(rnd, HEALTH),
    passport: hasPassport ? passport(rnd, ctx.regionCode, Number(passportIssued!.slice(0, 4))) : null,
    passport_issued_on: passportIssued,
    passport_issued_by: hasPassport ? `ОВМ МО МВД России «${m.adjective}»` : null,
    birth_certificate: birthCertificate(rnd),
    birth_certificate_issued_on: certificateIssued,
    birth_certificate_issued_by: registryOffice(m),
    birth_record_no: birthRecordNo(rnd, birthYear),
    class_group_id: classId,
  };
  // Consent to data processing and the ESIA link (pupils from 14 have their own account).
  const consent = isNew ? outcomeOf(rnd, RATES.consent) : 'onTime';
  const createdDay = clock.day(createdAt.slice(0, 10));
  const consentDay = consent === 'never' ? null : createdDay + (consent === 'onTime' ? int(rnd, 0, 2) : int(rnd, 3, 30));
  const consentAt = consentDay === null ? null : clock.at(consentDay, minutesBetween(rnd, 8, 20));
  // The account follows the consent (pupils enrolled in earlier years have had theirs since).
  const accountAt = accountRegisteredAt(ctx, accounts, isNew ? RATES.accountRegistration : ALWAYS, consentDay, consentAt ?? createdAt);
  let esiaAt: string | null = null;
  if (age >= 14) {
    if (isNew) {
      const link = outcomeOf(rnd, RATES.esiaLink);
      esiaAt = link === 'never' ? null : clock.at(orderDay + (link === 'onTime' ? int(rnd, 1, 10) : int(rnd, 11, 60)), minutesBetween(rnd, 8, 22));
    } else if (chance(rnd, 0.6)) esiaAt = clock.at(Math.min(orderDay + int(rnd, 10, 400), dayOf(ctx, '08-31')), minutesBetween(rnd, 8, 22));
  }

  // Leaving: a dropout during the year, or the class's year-end order.
  let leftOn: string | null = null;
  let leftStamp: string | null = null;
  const from = Math.max(dayOf(ctx, '09-15'), orderDay + 10);
  const to = dayOf(ctx, '05-20', 1);
  if (chance(rnd, DROPOUT_SHARE) && from < to) {
    const day = clock.workingBetween(rnd(), from, to);
    const entry = outcomeOf(rnd, RATES.orderEntry);
    const enteredAt = clock.at(clock.addWorkingDays(day, entry === 'onTime' ? int(rnd, 0, 1) : int(rnd, 2, 10)), officeMinutes(rnd));
    const reason = pickOne(rnd, DROPOUT_REASONS);
    ctx.w.add('movement_orders', [org.id, ext, 'dropout', orders.number('dropout', day, 'в', ext), clock.date(day), enteredAt, reason, ...movementOrderExtras(ctx, org, ext, 'dropout', day, enteredAt, reason)]);
    leftOn = clock.date(day);
    leftStamp = enteredAt;
  } else {
    const order = yearEnd.orderFor(rnd);
    if (order) {
      const suffix = order.kind === 'transfer' ? 'п' : order.kind === 'dropout' ? 'в' : 'вып';
      ctx.w.add('movement_orders', [org.id, ext, order.kind, orders.number(order.kind, order.day, suffix, String(c.grade ?? c.name)), clock.date(order.day), order.enteredAt, order.reason,
        ...movementOrderExtras(ctx, org, ext, order.kind, order.day, order.enteredAt, order.reason)]);
      if (order.kind !== 'transfer') {
        leftOn = clock.date(order.day);
        leftStamp = order.enteredAt;
      }
    }
  }

  const stamps: Record<string, string | null> = {};
  for (const f of BASE_FIELDS) stamps[f] = values[f] === null ? null : createdAt;
  for (const f of LATER_FIELDS) stamps[f] = values[f] === null ? null : fillAt;
  stamps.consent_at = consentAt;
  stamps.esia_linked_at = esiaAt;
  stamps.left_at = leftStamp;
  const v = (k: string) => values[k] ?? null;
  ctx.w.add('students', [
    org.id, ext, name.last, name.first, name.middle, birth, sex, v('citizenship'), v('home_phone'), v('personal_file_no'), v('snils'), v('health_group'),
    v('passport'), v('passport_issued_on'), v('passport_issued_by'), v('birth_certificate'), v('birth_certificate_issued_on'),
    v('birth_certificate_issued_by'), v('birth_record_no'), consentAt, esiaAt, classId, leftOn, stampsJson(stamps), createdAt,
    latest(createdAt, fillAt, consentAt, esiaAt, leftStamp, accountAt), accountAt,
  ]);

  seedParents(ctx, org, ext, surname, birthYear, isNew, orderDay, createdAt, rnd, accounts);
  if (org.type === 'ОДО' && chance(rnd, CERTIFICATE_SHARE)) {
    ctx.w.add('certificates', [org.id, ext, clock.at(isNew ? orderDay + int(rnd, 0, 5) : orderDay + int(rnd, 0, 30), officeMinutes(rnd))]);
  }
  return leftOn !== null;
}

/** Parents (legal representatives) of one student; on a new enrollment their card follows `RATES.parentCard`. */
function seedParents(ctx: SeedContext, org: OrganisationPlan, ext: string, surname: string, childBirthYear: number, isNew: boolean, orderDay: number, studentCreatedAt: string, rnd: Rng, accounts: Rng): void {
  const { clock } = ctx;
  let count = weighted(rnd, PARENTS_PER_STUDENT);
  let createdAt = studentCreatedAt;
  let card: Outcome = 'onTime';
  if (isNew) {
    card = outcomeOf(rnd, RATES.parentCard);
    const day = clock.addWorkingDays(orderDay, card === 'late' ? int(rnd, 4, 15) : int(rnd, 0, 2));
    createdAt = latest(clock.at(day, officeMinutes(rnd)), studentCreatedAt);
    // Never done: no parent card at all, or one without a phone.
    if (card === 'never' && chance(rnd, 0.5)) count = 0;
    else if (card === 'never') count = Math.max(1, count);
  }
  const firstSex = chance(rnd, 0.75) ? 'Ж' : 'М';
  for (let p = 1; p <= count; p++) {
    const sex = p === 1 ? firstSex : firstSex === 'Ж' ? 'М' : 'Ж';
    const name = personName(rnd, sex, sex === 'Ж' && chance(rnd, 0.1) ? familySurname(rnd) : surname);
    const phone = card === 'never' && p === 1 ? null : mobilePhone(rnd);
    const eservices = chance(rnd, ESERVICES_SHARE);
    const birthYear = childBirthYear - int(rnd, 20, 42);
    const birth = eservices ? isoDate(birthYear, int(rnd, 1, 12), int(rnd, 1, 28)) : null;
    const createdDay = clock.day(createdAt.slice(0, 10));
    const consent = isNew ? outcomeOf(rnd, RATES.consent) : 'onTime';
    const consentDay = consent === 'never' ? null : createdDay + (consent === 'onTime' ? int(rnd, 0, 2) : int(rnd, 3, 30));
    const consentAt = consentDay === null ? null : clock.at(consentDay, minutesBetween(rnd, 8, 20));
    const accountAt = accountRegisteredAt(ctx, accounts, isNew ? RATES.accountRegistration : ALWAYS, consentDay, consentAt ?? createdAt);
    let esiaAt: string | null;
    if (isNew) {
      const link = outcomeOf(rnd, RATES.esiaLink);
      esiaAt = link === 'never' ? null : clock.at(orderDay + (link === 'onTime' ? int(rnd, 1, 10) : int(rnd, 11, 60)), minutesBetween(rnd, 8, 22));
    } else {
      esiaAt = chance(rnd, 0.75) ? clock.at(Math.min(orderDay + int(rnd, 5, 300), dayOf(ctx, '08-31')), minutesBetween(rnd, 8, 22)) : null;
    }
    const values: Record<string, string | null> = {
      last_name: name.last, first_name: name.first, middle_name: name.middle, phone, birth_date: birth,
      passport: eservices ? passport(rnd, ctx.regionCode, Math.max(birthYear + 20, ctx.year - 19)) : null,
      snils: eservices ? snils(rnd) : null,
    };
    const stamps: Record<string, string | null> = { student_id: createdAt, parent_no: createdAt, consent_at: consentAt, esia_linked_at: esiaAt };
    for (const [k, v] of Object.entries(values)) stamps[k] = v === null ? null : createdAt;
    ctx.w.add('parents', [
      org.id, ext, p, name.last, name.first, name.middle, phone, birth, values.passport ?? null, values.snils ?? null, consentAt, esiaAt,
      stampsJson(stamps), createdAt, latest(createdAt, consentAt, esiaAt, accountAt), accountAt,
    ]);
  }
}

/** The ЗАГС office of a municipality. */
function registryOffice(m: MunicipalityPlan): string {
  if (m.isTown) return `Отдел ЗАГС администрации ${m.name.replace(/^город /, 'города ')}`;
  return `Отдел ЗАГС ${m.adjective.replace(/(ий|ый|ой)$/, 'ого')} района`;
}

interface YearEndOrder {
  kind: 'transfer' | 'graduation' | 'dropout';
  day: number;
  enteredAt: string;
  reason: string;
}

interface YearEndPlan {
  /** The order a staying student of the class gets (null: none, or the order was never entered). */
  orderFor(rnd: Rng): YearEndOrder | null;
}

/**
 * The year-end movement order of a class: «Перевод на следующий год» or «Выпускники» (in МОДО,
 * finishing a programme is a dropout), dated in the rollover weeks the regulations name (transfers
 * from 1 June) and entered per `RATES.rolloverOrders` (a forgotten order leaves the whole class
 * without one).
 */
function yearEndPlan(ctx: SeedContext, org: OrganisationPlan, c: ClassDef, rnd: Rng): YearEndPlan {
  const { clock } = ctx;
  const fate = outcomeOf(rnd, RATES.rolloverOrders);
  const between = (from: string, to: string) => clock.workingBetween(rnd(), dayOf(ctx, from, 1), dayOf(ctx, to, 1));
  const make = (kind: YearEndOrder['kind'], day: number, reason: string): YearEndOrder | null =>
    fate === 'never' ? null : { kind, day, reason, enteredAt: clock.at(fate === 'onTime' ? clock.addWorkingDays(day, int(rnd, 0, 3)) : day + int(rnd, 10, 40), officeMinutes(rnd)) };
  let transfer: YearEndOrder | null = null;
  let graduation: YearEndOrder | null = null;
  let graduationShare = 0;
  switch (org.type) {
    case 'ООО':
      if (c.grade === 11) (graduation = make('graduation', between('06-25', '06-30'), 'получение среднего общего образования')), (graduationShare = 1);
      else {
        transfer = make('transfer', between('06-01', '06-07'), 'Перевод на следующий год');
        if (c.grade === 9) (graduation = make('graduation', between('06-20', '06-30'), 'получение основного общего образования')), (graduationShare = GRADE9_LEAVERS_SHARE);
      }
      break;
    case 'ДОО':
      if (c.final) (graduation = make('graduation', between('06-01', '06-07'), 'выпуск в общеобразовательную организацию')), (graduationShare = 1);
      else transfer = make('transfer', between('08-19', '08-26'), 'Перевод на следующий год');
      break;
    case 'ОДО':
      // In МОДО finishing a programme is a dropout («Выбытие»); the others move on to the next year.
      graduation = make('dropout', between('05-20', '05-31'), 'завершение освоения дополнительной общеобразовательной программы');
      transfer = make('transfer', between('06-01', '06-10'), 'Перевод на следующий год');
      graduationShare = ODO_COMPLETION_SHARE;
      break;
    case 'ПОО':
      if (c.final) (graduation = make('graduation', between('06-25', '06-30'), 'получение диплома о среднем профессиональном образовании')), (graduationShare = 1);
      else transfer = make('transfer', between('06-25', '06-30'), 'Перевод на следующий курс');
      break;
  }
  return { orderFor: (r) => (graduationShare > 0 && r() < graduationShare ? graduation : transfer) };
}
