import type { CheckDefinition } from '../checkDefinition.js';

/**
 * Controls the system operator carries out under the Chelyabinsk plan for 2024 (приказ № 047371,
 * column «Форма контроля оператора ГИС «Образование»»), each with the indicator it records, in
 * Russian. Keys follow `MONITORING_TITLES` (`monitoring.ts`), so the two lists can be merged.
 */
export const OPERATOR_CONTROL_TITLES: Record<string, string> = {
  rollover_progress: 'мониторинг перехода на новый учебный год (доля организаций, сформировавших следующий учебный год и создавших приказы о выпуске и переводе)',
  data_completeness: 'мониторинг полноты и качества сведений об ОО, обучающихся, работниках ОО (процент заполнения)',
  attendance_filling: 'мониторинг учёта посещаемости воспитанников ДОО (доля рабочих дней месяца с отмеченной посещаемостью)',
  dod_coverage: 'охват дополнительным образованием на 1 число месяца (доля обучающихся, охваченных услугами дополнительного образования)',
  gifted_achievements_report: 'выгрузка отчёта по личным достижениям одарённых детей',
  quarterly_indicators: 'мониторинг сведений для ежеквартальной выгрузки данных ООО (доля ООО, внёсших сведения)',
  readiness_grade1_stage1: 'мониторинг готовности к первому этапу приёмной кампании в 1-е классы (доля МОУО и ООО, завершивших подготовку)',
  readiness_grade5_10: 'мониторинг готовности к приёмной кампании в 5-е, 10-е классы (доля МОУО и ООО, завершивших подготовку)',
  readiness_grade1_stage2: 'мониторинг готовности ко второму этапу приёмной кампании в 1-е классы (доля МОУО, завершивших настройку)',
  readiness_summer_camp: 'мониторинг готовности приёмной кампании в ДОЛ (доля МОУО и ДОЛ, завершивших подготовку)',
  readiness_spo: 'мониторинг готовности к приёму заявлений в ПОО (доля ПОО, завершивших подготовку)',
  applications_school_campaigns: 'мониторинг количества зарегистрированных заявлений на зачисление в 1-е, 5-е, 10-е классы (доля заявлений, рассмотренных в срок)',
  applications_school_current_year: 'мониторинг количества зарегистрированных заявлений на зачисление в классы текущего учебного года (доля заявлений, рассмотренных в срок)',
  applications_kindergarten: 'мониторинг количества зарегистрированных заявлений на зачисление в ДОО (доля заявлений, рассмотренных в срок)',
  applications_summer_camp: 'мониторинг количества зарегистрированных заявлений на зачисление в ДОЛ (доля заявлений, рассмотренных в срок)',
  applications_spo: 'мониторинг количества зарегистрированных заявлений на обучение в ПОО (доля заявлений, рассмотренных в срок)',
  applications_navigator_programmes: 'мониторинг количества заявлений на обучение, зарегистрированных в Навигаторе (доля заявлений, рассмотренных в срок)',
  applications_navigator_events: 'мониторинг количества заявок на участие в мероприятиях в Навигаторе (доля заявок, рассмотренных в срок)',
  applications_epgu: 'статистические данные по количеству заявлений, зарегистрированных через ЕПГУ (доля заявлений, принятых без ошибок)',
  eservices_year_setting: 'мониторинг смены учебного года в системных настройках «Е-услуги» (доля МОУО, установивших новый учебный год)',
  spo_free_places: 'мониторинг наличия свободных мест в ПОО',
  certificate_nominal: 'мониторинг внесения сведений по номиналу сертификата дополнительного образования (доля МОЦ, внёсших номинал)',
  profdev_research_applications: 'выгрузка отчёта по заявкам на участие в исследовании потребностей в профессиональном развитии',
  profdev_research_questionnaire: 'выгрузка отчёта по результатам анкетирования в рамках исследования потребностей в профессиональном развитии',
  profdev_programme_registry: 'выгрузка отчёта по загруженным дополнительным профессиональным программам',
  profdev_assessment_applications: 'выгрузка отчёта по заявкам на участие в оценке профессиональных компетенций',
  profdev_assessment_results: 'выгрузка отчёта с результатами тестирования в рамках оценки профессиональных компетенций',
  profdev_reserve_diagnostics: 'выгрузка отчёта с результатами диагностики участников кадрового резерва руководителей',
  profdev_iom_recommended: 'выгрузка отчёта по количеству дополнительных профессиональных программ, рекомендованных участникам',
  profdev_iom_formal_route: 'выгрузка отчёта по количеству дополнительных профессиональных программ, выбранных в качестве формального маршрута',
  profdev_iom_potential_listeners: 'выгрузка отчёта о распределении потенциальных слушателей по учреждениям ДПО',
  fgis_ddo_export: 'безошибочная выгрузка данных в ФГИС доступности дошкольного образования (доля ДОО без ошибок выгрузки)',
  eais_dod_export: 'выгрузка данных в ЕАИС дополнительного образования по функционально-техническим требованиям (доля организаций без ошибок выгрузки)',
};

/**
 * Checks of the monthly records that the Chelyabinsk plan monitors (section 1.3 «Проведение
 * мониторингов»: attendance in kindergartens, additional-education coverage) and of the operator's
 * own controls. `operator_control_completed` serves every control of the plan and belongs with
 * `monitoring_completed` (`monitoring.ts`), into which it can be merged.
 */
export const ATTENDANCE_CHECKS: CheckDefinition[] = [
  {
    // Every pupil enrolled on a working day of the period must have an attendance mark for that day
    // (present or absent with a reason); days off of the organisation's calendar are not required.
    name: 'attendance_marked',
    title: 'Посещаемость воспитанников отмечена за каждый рабочий день периода',
    events: [],
    params: { type: 'object', additionalProperties: false, properties: {} },
  },
  {
    // The records of pupils enrolled in additional-education programmes (enrollments, dropouts) must
    // be current at the end of the period, so that the coverage snapshot on the 1st is true.
    name: 'dod_coverage_recorded',
    title: 'Сведения об обучающихся, охваченных услугами дополнительного образования, актуальны',
    events: [],
    params: { type: 'object', additionalProperties: false, properties: {} },
  },
  {
    // Like `monitoring_completed`: done when the operator has recorded the control for the period
    // (`monitoring_submissions`, tier regional, monitoring = the key); the metric is the control's
    // indicator as of the deadline, so levels can grade what the control found.
    name: 'operator_control_completed',
    title: 'Контроль оператора ГИС «Образование» проведён (мониторинг, выгрузка отчёта)',
    events: [],
    metric: 'percent',
    higherIsBetter: true,
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['control'],
      properties: { control: { enum: Object.keys(OPERATOR_CONTROL_TITLES) } },
    },
  },
];
