import type { CheckDefinition } from '../checkDefinition.js';

/**
 * External systems the regional system exchanges data with (`integration_exchanges.system`), in
 * Russian (Челябинск, приказ № 047371, п. 6.5).
 */
export const INTEGRATION_SYSTEMS: Record<string, string> = {
  fgis_ddo: 'ФГИС доступности дошкольного образования',
  eais_do: 'ЕАИС сбора и анализа данных по учреждениям, программам, мероприятиям дополнительного образования',
  moya_shkola: 'ФГИС «Моя школа»',
  participants_registry: 'ГИС «Реестр участников образовательных отношений»',
  military_registration: 'ГИР сведений о гражданах для актуализации документов воинского учёта',
  epgu: 'ФГИС «Единый портал государственных и муниципальных услуг (функций)»',
  esia: 'ФГИС «Единая система идентификации и аутентификации» (ЕСИА)',
};

/**
 * Student counts an organisation's data must support for the quarterly export (приказ № 047371,
 * п. 1.5), in Russian: what has to be marked in the data so that the count is right.
 */
export const EXPORT_INDICATORS: Record<string, string> = {
  advanced_classes: 'обучающиеся в классах углублённого изучения отдельных предметов (8–11 классы)',
  profile_classes: 'обучающиеся в профильных классах (10–11 классы)',
  individualised_programmes: 'обучающиеся по программам на основе индивидуализации содержания (1–11 классы)',
  personal_achievements: 'обучающиеся, имеющие личные достижения в мероприятиях (1–11 классы)',
  event_participation: 'обучающиеся, принявшие участие в мероприятиях (1–11 классы)',
  dod_enrollment: 'обучающиеся, осваивающие программы дополнительного образования детей (7–18 лет)',
};

/**
 * Checks of data exchange: exchanges with federal systems, the quarterly data export and the
 * register of the system's users.
 */
export const INTEGRATION_CHECKS: CheckDefinition[] = [
  {
    // Met for a period when the integration log has at least one successful exchange with the system
    // in it and no failed exchange is left without a later successful one.
    name: 'integration_exchange_ok',
    title: 'Обмен данными с внешней информационной системой выполнен успешно',
    events: [],
    params: { type: 'object', additionalProperties: false, required: ['system'], properties: { system: { enum: Object.keys(INTEGRATION_SYSTEMS) } } },
  },
  {
    // Judged by whether the attribute behind the count (class profile, advanced-study flag,
    // individual programme, achievement or participation record, additional-education enrollment)
    // was set for the students it applies to before the deadline.
    name: 'export_indicator_marked',
    title: 'Сведения для выгрузки показателя внесены в данные организации',
    events: [],
    params: { type: 'object', additionalProperties: false, required: ['indicator'], properties: { indicator: { enum: Object.keys(EXPORT_INDICATORS) } } },
  },
  {
    // A day's grounds are its enrollment, hiring, dismissal and withdrawal orders: each must have
    // the user account created (enrollment, hiring) or blocked (dismissal, withdrawal) on that day.
    // One period check because one rule cannot follow several kinds of event.
    name: 'user_registry_current',
    title: 'Реестр пользователей ведётся в день возникновения основания (учётные записи созданы или заблокированы)',
    events: [],
    params: { type: 'object', additionalProperties: false, properties: {} },
  },
];
