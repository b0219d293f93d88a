import type { CheckDefinition } from '../checkDefinition.js';
import { ESERVICE_CAMPAIGN_TITLES, ESERVICE_TITLES } from './eservices.js';

/**
 * What an admission unit (a class, an age group, a camp shift, a specialty: `campaign_places`) must
 * carry for `admission_units_created`, in Russian (Челябинск, приказ № 047371, пп. 2.1.2, 2.1.3,
 * 2.2.1, 2.3.3, 2.4.2).
 */
export const ADMISSION_UNIT_REQUIREMENTS: Record<string, string> = {
  vacant_places: 'указано количество вакантных (свободных) мест',
  capacity: 'указана максимальная наполняемость',
  benefits: 'указаны льготы',
  dates: 'указаны даты начала и окончания',
  entrance_tests: 'сформировано расписание вступительных испытаний (для специальностей, где они проводятся)',
};

const campaignKind = { enum: Object.keys(ESERVICE_CAMPAIGN_TITLES) };
const listOf = (values: string[]) => ({ type: 'array', minItems: 1, uniqueItems: true, items: { enum: values } });

/**
 * Checks of admission campaigns in «Е-услуги. Образование» that the «Е-услуги» checks
 * (`eservices.ts`) do not cover: several campaigns configured at once, the units a campaign admits
 * to, the start of the intake and the academic-year switch. Each looks at the campaign (or academic)
 * year nearest to the deadline, like the rollover checks.
 */
export const CAMPAIGN_CHECKS: CheckDefinition[] = [
  {
    // `eservice_campaign_configured` for a row that names several campaigns (5-е и 10-е классы):
    // met only when every listed campaign is configured. The two may be folded into one check
    // that takes a list.
    name: 'admission_campaigns_configured',
    title: 'Приёмные кампании в «Е-услуги» сформированы и настроены (каждая из перечисленных)',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['kinds'],
      properties: { kinds: listOf(Object.keys(ESERVICE_CAMPAIGN_TITLES)), stage: { type: 'integer', minimum: 1, maximum: 2 } },
    },
  },
  {
    // Units are the `campaign_places` rows of the organisation for the coming academic year (the
    // camp season, for camps); `grades` narrows school classes to those grades, each of which must
    // have at least one class. Every unit must meet every item of `require`.
    name: 'admission_units_created',
    title: 'Классы (возрастные группы, смены, специальности) для приёма созданы в «Е-услуги» с указанием мест',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['service'],
      properties: {
        service: { enum: Object.keys(ESERVICE_TITLES) },
        grades: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 11 } },
        require: listOf(Object.keys(ADMISSION_UNIT_REQUIREMENTS)),
      },
    },
  },
  {
    // Met when the campaign's intake start (`admission_campaigns.opens_on`) is set and is not later
    // than the deadline, so that applications can be filed from that day.
    name: 'campaign_intake_open',
    title: 'Приём заявлений в приёмной кампании начат не позднее установленной даты',
    events: [],
    params: { type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: campaignKind } },
  },
  {
    // The academic-year setting of the municipality's «Е-услуги» must name the year that starts on
    // the 1 September nearest to the deadline (2024/2025 for a deadline of 6 September 2024).
    name: 'admission_year_switched',
    title: 'В системных настройках «Е-услуги» установлен новый учебный год',
    events: [],
    params: { type: 'object', additionalProperties: false, properties: {} },
  },
];
