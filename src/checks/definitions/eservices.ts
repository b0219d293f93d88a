import type { CheckDefinition } from '../checkDefinition.js';

/** Services of «Е-услуги. Образование» (`citizen_applications.kind`, campaign kinds), in Russian. */
export const ESERVICE_TITLES: Record<string, string> = {
  kindergarten: 'зачисление в дошкольную образовательную организацию',
  school: 'зачисление в общеобразовательную организацию',
  spo: 'приём в профессиональную образовательную организацию',
  summer_camp: 'зачисление в детский оздоровительный лагерь',
};

/** Admission campaign kinds (`admission_campaigns.kind`), in Russian. */
export const ESERVICE_CAMPAIGN_TITLES: Record<string, string> = {
  grade1: 'приём в 1-е классы',
  grade5: 'приём в 5-е классы',
  grade10: 'приём в 10-е классы',
  kindergarten: 'комплектование дошкольных образовательных организаций',
  summer_camp: 'приём в детские оздоровительные лагеря',
  spo: 'приём в профессиональные образовательные организации',
};

/**
 * Items of a kindergarten's card in «Е-услуги» that the regional operator controls (Алтайский край,
 * селекторное совещание 27.04.2016, слайд «Контроль данных в АИС «Е-услуги. Образование» о ДОО»).
 */
export const ESERVICE_ORGANISATION_CARD_FIELDS: Record<string, string> = {
  head_full_name: 'фамилия, имя, отчество руководителя',
  website_url: 'адрес официального сайта',
  geo_coordinates: 'географические координаты',
  org_type: 'тип организации',
  free_places: 'количество свободных мест',
  virtual_groups: 'виртуальные группы',
};

const service = { enum: Object.keys(ESERVICE_TITLES) };

/** Checks of «Е-услуги. Образование»: applications, campaigns, distribution, places, organisation cards. */
export const ESERVICE_CHECKS: CheckDefinition[] = [
  {
    // In an event rule each application must get a decision (a status change after registration) by
    // the rule's deadline, which carries the administrative regulation's term. In a period rule (a
    // campaign) every application submitted in the period must have a final status by the deadline.
    name: 'eservice_applications_processed',
    title: 'Заявления граждан в «Е-услуги» рассмотрены в срок',
    events: ['application'],
    params: { type: 'object', additionalProperties: false, required: ['service'], properties: { service } },
  },
  {
    // A group (class, shift, specialty) with more pupils enrolled or directed than places shows as
    // «минусовая вакансия»; the check fails while any such unit exists in the subject's scope.
    name: 'eservice_vacancies_consistent',
    title: 'Нет групп (классов) с отрицательным числом свободных мест («минусовых вакансий»)',
    events: [],
    params: { type: 'object', additionalProperties: false, required: ['service'], properties: { service } },
  },
  {
    // `older_than_days` leaves families the time the administrative regulation gives them to bring
    // the documents: only directions issued earlier than that count as waiting for enrollment.
    name: 'eservice_directions_enrolled',
    title: 'По выданным направлениям (путёвкам) оформлено зачисление',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['service'],
      properties: { service, older_than_days: { type: 'integer', minimum: 1, maximum: 365 } },
    },
  },
  {
    name: 'eservice_distribution_held',
    title: 'Распределение (комплектование) проведено: протокол комплектования и направления (путёвки) оформлены',
    events: [],
    params: { type: 'object', additionalProperties: false, required: ['service'], properties: { service } },
  },
  {
    // Configured means the campaign record exists with its parameters, its dates and (for schools)
    // the territories assigned to organisations, for the campaign year nearest to the deadline.
    name: 'eservice_campaign_configured',
    title: 'Приёмная кампания в «Е-услуги» сформирована и настроена',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: { kind: { enum: Object.keys(ESERVICE_CAMPAIGN_TITLES) }, stage: { type: 'integer', minimum: 1, maximum: 2 } },
    },
  },
  {
    // Used as the `while` of a campaign extension: the campaign goes on while any unit has places left.
    name: 'eservice_free_places',
    title: 'В приёмной кампании остаются свободные места',
    events: [],
    params: { type: 'object', additionalProperties: false, required: ['service'], properties: { service } },
  },
  {
    name: 'eservice_organisation_card_complete',
    title: 'Сведения об организации в «Е-услуги» заполнены',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['fields'],
      properties: { fields: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: Object.keys(ESERVICE_ORGANISATION_CARD_FIELDS) } } },
    },
  },
];
