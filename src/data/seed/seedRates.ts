import type { Fate } from './prng.js';

/**
 * The shape of a synthetic region: organisation mix, sizes, and how punctual people are. Every
 * "most on time, some late, some never" of the generator is a constant here, so that tests can
 * check the data against them and an operator can read what the demo data will show.
 */

/** Organisation types of seed 004 (Altai krai, forecast on 01.01.2017), scaled to the requested count. */
export const ORGANISATION_TYPE_MIX = { ООО: 984, ДОО: 923, ОДО: 277, ПОО: 57 } as const;

/** An educational organisation type the generator makes. */
export type EducationType = keyof typeof ORGANISATION_TYPE_MIX;

/** The types in generation order (the order of the seed 004 table). */
export const EDUCATION_TYPES = Object.keys(ORGANISATION_TYPE_MIX) as EducationType[];

/** Organisations per municipality, on average (municipalities ≈ organisations / 50, at least 1). */
export const ORGANISATIONS_PER_MUNICIPALITY = 50;

/**
 * Relative number of students per organisation of each type (Altai krai orders of magnitude:
 * ~285 pupils per school, ~110 children per kindergarten, several hundred per additional-education
 * centre and college). The requested student total is split by these weights times a log-normal
 * size factor per organisation.
 */
export const STUDENTS_WEIGHT: Record<EducationType, number> = { ООО: 285, ДОО: 110, ОДО: 700, ПОО: 700 };

/** Spread of organisation sizes (σ of the log-normal factor). */
export const SIZE_SPREAD = 0.55;

/** Class (group, association) size limits. */
export const GROUP_SIZE: Record<EducationType, number> = { ООО: 25, ДОО: 20, ОДО: 14, ПОО: 25 };

/** Staff per organisation: a base plus one per `perStudents` students. */
export const STAFF_SIZE: Record<EducationType, { base: number; perStudents: number }> = {
  ООО: { base: 8, perStudents: 12 },
  ДОО: { base: 5, perStudents: 8 },
  ОДО: { base: 5, perStudents: 40 },
  ПОО: { base: 15, perStudents: 15 },
};

/**
 * Share of students who are new this academic year (enrolled by an order of the year), besides the
 * first grade / youngest group / first course, who are all new. Everybody else was enrolled before.
 */
export const NEW_INTAKE_SHARE: Record<EducationType, number> = { ООО: 0.04, ДОО: 0.08, ОДО: 0.55, ПОО: 0.03 };

/** Of this year's enrollment orders, the share dated 20 August – 15 September; the rest fall during the year. */
export const MAIN_INTAKE_SHARE = 0.8;

/** Students who leave during the year (dropout orders). */
export const DROPOUT_SHARE = 0.03;

/** Grade-9 pupils who leave school after the 9th grade (graduation orders). */
export const GRADE9_LEAVERS_SHARE = 0.45;

/** ОДО students who complete their programme at the end of the year. */
export const ODO_COMPLETION_SHARE = 0.35;

/** Staff hired this year. */
export const STAFF_HIRED_SHARE = 0.1;
/** Staff (hired earlier) dismissed this year. */
export const STAFF_DISMISSED_SHARE = 0.06;

/** Parents per student: none, one or two. */
export const PARENTS_PER_STUDENT: readonly (readonly [number, number])[] = [[1, 0.35], [2, 0.62], [0, 0.03]];

/** People who asked for e-services (so their SNILS, passport and birth date are filled). */
export const ESERVICES_SHARE = 0.4;

/**
 * An ОДО whose number of associations differs from the number of programmes (seed 002, slide 5:
 * «количество объединений должно соответствовать количеству программ»).
 */
export const ASSOCIATION_PROGRAMME_MISMATCH = 0.1;

/** Organisation card completeness (11 fields): complete, one field missing, two, three or four. */
export const ORGANISATION_CARD_MISSING: readonly (readonly [number, number])[] = [[0, 0.7], [1, 0.1], [2, 0.12], [3, 0.05], [4, 0.03]];

/** Summer-camp shifts are run by this share of schools. */
export const SCHOOL_CAMP_SHARE = 0.3;

/** Schools that publish events in the Navigator (all ОДО do). */
export const SCHOOL_NAVIGATOR_SHARE = 0.2;

/** ОДО students with a ПФДО certificate. */
export const CERTIFICATE_SHARE = 0.6;

/** Applications per place in admission campaigns (uniform between the bounds). */
export const APPLICATIONS_PER_PLACE = { min: 0.6, max: 1.2 };

/** Admission units whose places taken exceed places offered (seed 004's «минусовые вакансии»). */
export const NEGATIVE_VACANCY_SHARE = 0.01;

/** Organisations whose contingent exports disagree with the registry: slightly (≤ 10 %), or badly (> 10 %, «группа риска»). */
export const CONTINGENT_DISCREPANCY = { slight: 0.1, risk: 0.05 };

/** Daily exchanges with federal systems that fail. */
export const INTEGRATION_FAILURE_SHARE = 0.03;

/**
 * Punctuality of every obligation the generator plays out. `onTime` means within the term the
 * regulations give (stated per line), `late` after it, `never` not done within the year.
 */
export const RATES = {
  /** Student card (phone, file number, health group) within 0–2 working days of the enrollment order; late: 4–15 working days. */
  studentCard: { onTime: 0.82, late: 0.13, never: 0.05 },
  /** Parent card (name, phone) within 0–2 working days of the enrollment order; late: 4–15; never: no card, or no phone. */
  parentCard: { onTime: 0.78, late: 0.15, never: 0.07 },
  /** Consent to personal-data processing at enrollment (0–2 days), later (3–30 days), or none. */
  consent: { onTime: 0.9, late: 0.06, never: 0.04 },
  /** Parent's (pupil's from 14) account linked to ESIA within 10 days of enrollment; late: 11–60 days. */
  esiaLink: { onTime: 0.6, late: 0.15, never: 0.25 },
  /** Movement order entered on its day or the next working day; late: 2–10 working days. */
  orderEntry: { onTime: 0.92, late: 0.08, never: 0 },
  /** Year-end transfer and graduation orders of a class entered within 3 working days of their date; late: 10–40 days; never: the class has none. */
  rolloverOrders: { onTime: 0.9, late: 0.07, never: 0.03 },
  /** New staff card within 0–2 working days of hire; late: 4–15 working days; never: passport, SNILS or education missing. */
  staffCard: { onTime: 0.8, late: 0.15, never: 0.05 },
  /** New staff linked to ESIA within 10 days of hire; late: 11–60 days. */
  staffEsia: { onTime: 0.75, late: 0.15, never: 0.1 },
  /** «Уволить» pressed on the last working day; late: 1–10 working days after. */
  staffDismissal: { onTime: 0.75, late: 0.2, never: 0.05 },
  /** Next academic year formed by 31 August (from 1 June); late: 1–15 September. */
  nextYearCreated: { onTime: 0.9, late: 0.07, never: 0.03 },
  /** New academic year opened 26 August – 5 September; late: 6–25 September. */
  yearOpened: { onTime: 0.9, late: 0.08, never: 0.02 },
  /** Previous academic year closed by 20 September; late: 21 September – 31 October. */
  yearClosed: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** Classes (groups, associations) of the new year formed by 31 August; late: 1–15 September. */
  classGroups: { onTime: 0.9, late: 0.1, never: 0 },
  /** Curricula, schedules, thematic plans created by 5 September (from 15 August); late: 6–30 September. */
  planning: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** Public documents published within 3 days of approval; late: 4–20 days. */
  publicDocument: { onTime: 0.85, late: 0.1, never: 0.05 },
  /** Lesson topic (and attendance) entered on the lesson day; late: 5–15 days. */
  lessonTopic: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** Marks of a lesson entered on the lesson day (assessments: within 7 days); late: 5–15 days (assessments 11–20). */
  marks: { onTime: 0.86, late: 0.14, never: 0 },
  /** Quarter, semester and year marks within 3 days of the period's end; late: 5–15 days. */
  periodMarks: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** Statistical forms submitted by their due date (1–20 days before); late: 1–15 days after. */
  statistics: { onTime: 0.9, late: 0.08, never: 0.02 },
  /** Municipal operator's monitoring by its due day (the 10th, 5 September); late: 1–12 days after. */
  municipalMonitoring: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** Regional operator's monitoring by its due day (the 15th, 10 September); late: 1–7 days after. */
  regionalMonitoring: { onTime: 0.92, late: 0.08, never: 0 },
  /** Admission campaign configured 3–20 days before it opens; late: 1–10 days after. */
  campaignConfigured: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** Citizen application reviewed within 5 working days (0–4); late: 6–30 days. */
  applicationReview: { onTime: 0.88, late: 0.09, never: 0.03 },
  /** Navigator event announced 10–30 days ahead; late: 1–9 days ahead. */
  navigatorAnnouncement: { onTime: 0.8, late: 0.15, never: 0.05 },
  /** Navigator event results within 3 days; late: 4–20 days. */
  navigatorResults: { onTime: 0.8, late: 0.12, never: 0.08 },
  /** Each step of the monthly certificate finance chain on time (report by the 5th, request within 3 working days, …). */
  financeStep: { onTime: 0.88, late: 0.1, never: 0.02 },
  /** Monthly contingent export by the 5th; late: 6th–20th. */
  contingentExport: { onTime: 0.85, late: 0.1, never: 0.05 },
  /** Daily exchange with a federal system took place. */
  integrationExchange: { onTime: 0.98, late: 0, never: 0.02 },
} as const satisfies Record<string, Fate>;
