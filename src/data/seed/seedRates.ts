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

/** Working days from the application (contract) to the enrollment order based on it (uniform between the bounds). */
export const APPLICATION_LEAD_DAYS = { min: 0, max: 3 };

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

/** Applications through the navigator to an ОДО's programmes, per student of the centre. */
export const NAVIGATOR_APPLICATIONS_PER_STUDENT = 0.1;

/** Applications per place in admission campaigns (uniform between the bounds). */
export const APPLICATIONS_PER_PLACE = { min: 0.6, max: 1.2 };

/** Admission units whose places taken exceed places offered (seed 004's «минусовые вакансии»). */
export const NEGATIVE_VACANCY_SHARE = 0.01;

/** Organisations whose contingent exports disagree with the registry: slightly (≤ 10 %), or badly (> 10 %, «группа риска»). */
export const CONTINGENT_DISCREPANCY = { slight: 0.1, risk: 0.05 };

/** Organisations whose staff take part in the professional-development module's procedures in a year. */
export const PROFDEV_SHARE = 0.6;

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
  /** Each class's requirements (profile, teachers, subgroups) met by 31 August, or the day a late class is formed; late: 1–30 September; never: one or two stay unmet. */
  classRequirements: { onTime: 0.88, late: 0.09, never: 0.03 },
  /** Days off of the new academic year entered with its opening (same day); late: 3–20 days after the opening. */
  daysOff: { onTime: 0.9, late: 0.08, never: 0.02 },
  /** Curricula, schedules, thematic plans created by 5 September (from 15 August); late: 6–30 September. */
  planning: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** A curriculum's requirements (study periods, subject areas, common subjects) met when it is created or by 5 September; late: 6–30 September; never: one or two stay unmet. */
  curriculumRequirements: { onTime: 0.88, late: 0.09, never: 0.03 },
  /** User account (login, temporary password) registered within 10 days of the hire or the personal-data consent; late: 11–60 days. */
  accountRegistration: { onTime: 0.8, late: 0.12, never: 0.08 },
  /** Public documents published within 3 days of approval; late: 4–20 days. */
  publicDocument: { onTime: 0.85, late: 0.1, never: 0.05 },
  /** A movement document's subtype, direction of further education or receiving institution filled with its entry; late: 5–30 days after; never: left empty. */
  movementDetails: { onTime: 0.9, late: 0.07, never: 0.03 },
  /** A kindergarten's attendance sheets of a month all marked on their day; late: a few marked 1–10 days after the month; never: a few left unmarked. */
  attendance: { onTime: 0.88, late: 0.08, never: 0.04 },
  /** Lesson topic (attendance and homework with it) entered on the lesson day; late: 5–15 days. */
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
  /** Each requirement of an admission unit (vacant places, capacity, benefits, dates, entrance tests) stamped when the unit is created; late: 5–30 days after; never: one stays unmet. */
  admissionUnitRequirements: { onTime: 0.88, late: 0.09, never: 0.03 },
  /** Kindergarten direction (путёвка) followed by enrollment within 0–30 days; late: 31–90 days; never: still waiting. */
  directionEnrollment: { onTime: 0.8, late: 0.12, never: 0.08 },
  /** Municipal distribution (комплектование) with its protocol and directions by 31 May (from 12 May); late: 1–20 June; never: no protocol. */
  distribution: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** «Е-услуги» academic year switched on 6 September; late: 7–20 September; never: the old year stays. */
  eserviceYearSwitch: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** The organisation's «Е-услуги» card (head, site, coordinates, type, free places, virtual groups) complete before 1 May; late: May–August; never: one or two items stay empty. */
  eserviceCard: { onTime: 0.8, late: 0.12, never: 0.08 },
  /** Navigator event announced 10–30 days ahead; late: 1–9 days ahead. */
  navigatorAnnouncement: { onTime: 0.8, late: 0.15, never: 0.05 },
  /** Navigator event results within 3 days; late: 4–20 days. */
  navigatorResults: { onTime: 0.8, late: 0.12, never: 0.08 },
  /** Navigator card first published within 5 working days (organisation: of access to the module; programme: of the organisation card's publication); late: 6–20 working days. */
  navigatorPublication: { onTime: 0.8, late: 0.15, never: 0.05 },
  /** A changed navigator card published the same day; late: 1–10 days. */
  navigatorCardChange: { onTime: 0.75, late: 0.2, never: 0.05 },
  /** Provider registration (5 working days) and registry inclusion (2 working days) decided by the operator in term; late: 1–10 working days beyond. */
  navigatorRequest: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** Navigator application accepted or refused within 1–5 working days; late: 6–20 working days; never: left undecided. */
  navigatorDecision: { onTime: 0.85, late: 0.1, never: 0.05 },
  /** Enrollment order of an accepted navigator application within 5 working days of the filing (not before the decision); late: 6–20. */
  navigatorEnrollment: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** ПФДО agreement and contract on the day of the enrollment by certificate; late: 1–10 days. */
  certificateAgreement: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** «Одаренные дети»: event created within 3 working days of its documents, participants within 5, results within 3 of their publication; late: up to 13–15 working days. */
  giftedEntry: { onTime: 0.8, late: 0.15, never: 0.05 },
  /** Each step of the monthly certificate finance chain on time (report by the 5th, request within 3 working days, …). */
  financeStep: { onTime: 0.88, late: 0.1, never: 0.02 },
  /** Monthly contingent export by the 5th; late: 6th–20th. */
  contingentExport: { onTime: 0.85, late: 0.1, never: 0.05 },
  /** Daily exchange with a federal system took place. */
  integrationExchange: { onTime: 0.98, late: 0, never: 0.02 },
  /** Operator control of the Chelyabinsk plan recorded on its day; late: 1–5 days after. */
  operatorControl: { onTime: 0.9, late: 0.08, never: 0.02 },
  /** A step of the professional-development module (application, questionnaire, diagnostic, route) within its window; late: up to 14 days after. */
  profdevStep: { onTime: 0.8, late: 0.12, never: 0.08 },
  /** A failed export (contingent upload with discrepancies, exchange with a federal system) redone cleanly within 5 days; late: 6–20 days. */
  exportErrorFix: { onTime: 0.7, late: 0.2, never: 0.1 },
  /** ГИА results of a publication imported for a school within the hour; late: 1–10 hours. */
  examImport: { onTime: 0.85, late: 0.12, never: 0.03 },
  /** A student's quarterly-export attribute recorded by the end of September; late: October–November. */
  indicatorMark: { onTime: 0.85, late: 0.1, never: 0.05 },
  /** Account of a dismissed employee or withdrawn student blocked on the day of the ground; late: 1–10 days. */
  accountBlocking: { onTime: 0.8, late: 0.15, never: 0.05 },
} as const satisfies Record<string, Fate>;
