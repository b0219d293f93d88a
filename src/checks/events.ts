/**
 * Events an obligation can be counted from, with the Russian wording used in notices. The names
 * are the `event` enum of `schemas/regulation.schema.json`; a test keeps the two in step.
 */
export const EVENTS: Record<string, string> = {
  enrollment_order: 'приказ о зачислении',
  transfer_order: 'приказ о переводе',
  graduation_order: 'приказ о выпуске',
  dropout_order: 'приказ об отчислении (выбытии)',
  staff_hire: 'приём сотрудника на работу',
  staff_dismissal: 'увольнение сотрудника',
  card_change: 'изменение сведений в карточке (сотрудника, обучающегося, родителя, организации)',
  consent: 'согласие на обработку персональных данных',
  application: 'заявление гражданина',
  request_received: 'получение заявки (запроса) оператором',
  licence: 'получение лицензии',
  document_approval: 'утверждение документа',
  exam_results_publication: 'официальное опубликование результатов ГИА',
  lesson: 'проведение урока (занятия)',
  assessment: 'проведение контрольной работы (контроля знаний)',
  organisation_published: 'публикация сведений об организации',
  programme_published: 'публикация сведений о программе',
  reporting_period_end: 'завершение отчётного периода',
  event_scheduled: 'проведение мероприятия (дата известна заранее)',
  campaign_start: 'начало приёмной кампании',
  academic_year_end: 'окончание учебного года организации',
  employee_last_day: 'последний рабочий день сотрудника',
  registration: 'регистрация пользователя (организации) в системе',
};
