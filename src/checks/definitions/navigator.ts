import type { CheckDefinition } from '../checkDefinition.js';

/** Levels of events in the section «Одаренные дети» (Челябинск, приказ № 047371, п. 1.4), in Russian. */
export const GIFTED_EVENT_LEVELS: Record<string, string> = {
  school: 'школьный',
  municipal: 'муниципальный',
  municipal_stage: 'муниципальный этап ВсОШ, ООШ',
  regional: 'региональный',
  all_russian: 'всероссийский',
  international: 'международный',
};

/** What `gifted_event_entered` looks for in the record of an event, in Russian. */
export const GIFTED_EVENT_ENTRIES: Record<string, string> = {
  event: 'мероприятие создано',
  participants: 'назначены участники из числа учащихся с признаком «Одаренный ребенок»',
  results: 'внесены результаты участия учащихся',
};

/** Items an organisation publishes in the additional-education navigator, in Russian. */
export const NAVIGATOR_ITEMS: Record<string, string> = {
  organisation: 'сведения об организации (поставщике услуг)',
  programme: 'сведения о программе',
  event: 'сведения о мероприятии (новость)',
};

/** Requests the navigator's operator, РМЦ or МОЦ act on, in Russian. */
export const NAVIGATOR_REQUESTS: Record<string, string> = {
  publication: 'заявка на публикацию карточки организации, программы, мероприятия, новости',
  provider_registration: 'заявка на регистрацию исполнителя услуг',
  provider_registry: 'заявка МОЦ на включение в реестр исполнителей государственной (муниципальной) услуги',
};

/**
 * Steps of the social-certificate finance cycle in the navigator (ПФДО, п. 3.5), in Russian. The
 * monthly steps (`actual_hours`, `settlement_request`, `invoices_accepted`) are judged per
 * reporting period (`finance_periods`); the others once for the financial period.
 */
export const CERTIFICATE_FINANCE_STEPS: Record<string, string> = {
  financial_period: 'создан финансовый период',
  nominal_set: 'внесены сведения по номиналу сертификата',
  nominal_credited: 'номинал начислен на сертификаты',
  providers_added: 'исполнители услуг добавлены в участники программы ПФДО',
  group_tariffs: 'учебным группам указан тариф (стоимость часа и количество часов в месяц)',
  agreements: 'созданы соглашения и подписаны договоры с обучающимися',
  actual_hours: 'указано фактическое количество часов посещения за отчётный период',
  settlement_request: 'направлена заявка на подтверждение расчётов за отчётный период',
  invoices_accepted: 'счета за отчётный период акцептованы',
};

const listOf = (values: string[]) => ({ type: 'array', minItems: 1, uniqueItems: true, items: { enum: values } });

/**
 * Checks of the navigator of additional education for children (publication, moderation,
 * applications, the social-certificate finance cycle) and of the section «Одаренные дети»,
 * whose events and participation the navigator's events mirror.
 */
export const NAVIGATOR_CHECKS: CheckDefinition[] = [
  {
    // The event's normative documents (or its results) are entered with their publication date; the
    // check compares when the record (`entry`) was made with that date. `levels` narrows the events.
    name: 'gifted_event_entered',
    title: 'Сведения о мероприятии внесены в раздел «Одаренные дети» в срок',
    events: ['document_approval'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['entry'],
      properties: { entry: { enum: Object.keys(GIFTED_EVENT_ENTRIES) }, levels: listOf(Object.keys(GIFTED_EVENT_LEVELS)) },
    },
  },
  {
    // Compares the publication time of the item's current card version with the event: access to
    // the system granted (`registration`), a change of the data (`card_change`), the publication of
    // the organisation card (in a chain), or, counted backwards, the date of the event the news
    // announces (`event_scheduled`).
    name: 'navigator_published',
    title: 'Сведения опубликованы в Навигаторе дополнительного образования в срок',
    events: ['registration', 'card_change', 'event_scheduled'],
    params: { type: 'object', additionalProperties: false, required: ['item'], properties: { item: { enum: Object.keys(NAVIGATOR_ITEMS) } } },
  },
  {
    // A decision (published, rejected, registered, included) must be recorded for each request of
    // the kind by the deadline counted from its receipt.
    name: 'navigator_request_processed',
    title: 'Заявка в Навигаторе рассмотрена в срок',
    events: ['request_received'],
    params: { type: 'object', additionalProperties: false, required: ['request'], properties: { request: { enum: Object.keys(NAVIGATOR_REQUESTS) } } },
  },
  {
    // `decision`: the application has an accept or refuse status; `enrollment_order`: an accepted
    // application to a programme has an enrollment order in «Сетевой Город. Образование».
    // `certificate` keeps only applications paid with a social certificate. Counted backwards from an
    // event (`event_scheduled`), only applications filed before the deadline are judged.
    name: 'navigator_application_processed',
    title: 'Заявка на обучение (участие в мероприятии) из Навигатора рассмотрена в срок',
    events: ['application', 'event_scheduled'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['application', 'step'],
      properties: {
        application: { enum: ['programme', 'event'] },
        step: { enum: ['decision', 'enrollment_order'] },
        certificate: { type: 'boolean' },
      },
    },
  },
  {
    // `agreements` runs per enrollment (same day); the rest per financial or reporting period.
    name: 'certificate_finance_step_done',
    title: 'Шаг учёта сертификатов дополнительного образования (ПФДО) выполнен в Навигаторе',
    events: ['enrollment_order'],
    params: { type: 'object', additionalProperties: false, required: ['step'], properties: { step: { enum: Object.keys(CERTIFICATE_FINANCE_STEPS) } } },
  },
];
