import { EVENTS } from '../../events.js';

/**
 * Catalog events that have rows of their own elsewhere, so the register does not take them: lessons
 * and assessments are e-journal rows of the same import, movement orders come with `import orders`.
 */
const HELD_ELSEWHERE = new Set(['lesson', 'assessment', 'enrollment_order', 'transfer_order', 'graduation_order', 'dropout_order']);

/** Catalog event keys the event register holds (`event_register.kind`). */
export const REGISTER_KINDS: readonly string[] = Object.keys(EVENTS).filter((k) => !HELD_ELSEWHERE.has(k));

/** Short Russian names operators type in the «Событие» column, besides the catalog wording and the key. */
const SHORT_NAMES: Record<string, string[]> = {
  staff_hire: ['приём на работу', 'прием на работу', 'приём сотрудника'],
  staff_dismissal: ['увольнение', 'увольнение сотрудника'],
  card_change: ['изменение сведений', 'изменение карточки', 'изменение сведений в карточке', 'изменение сведений об организации'],
  consent: ['согласие', 'согласие на обработку пд'],
  application: ['заявление', 'заявление гражданина'],
  request_received: ['заявка', 'получение заявки', 'запрос', 'заявка оператору'],
  licence: ['лицензия', 'получение лицензии'],
  document_approval: ['утверждение документа', 'утверждение'],
  exam_results_publication: ['публикация результатов гиа', 'опубликование результатов гиа', 'результаты гиа'],
  organisation_published: ['публикация сведений об организации'],
  programme_published: ['публикация программы', 'публикация сведений о программе'],
  reporting_period_end: ['конец отчётного периода', 'завершение отчётного периода'],
  event_scheduled: ['мероприятие', 'проведение мероприятия'],
  campaign_start: ['начало приёмной кампании', 'начало кампании'],
  academic_year_end: ['окончание учебного года', 'конец учебного года'],
  employee_last_day: ['последний рабочий день', 'последний рабочий день сотрудника'],
  registration: ['регистрация', 'регистрация в системе'],
};

/** Spellings of the register kinds (catalog key, catalog wording, short names) → key, for the CSV «Событие» column. */
export const REGISTER_KIND_NAMES: Record<string, string> = Object.fromEntries(
  REGISTER_KINDS.flatMap((k) => [[k, k], [EVENTS[k]!, k], ...(SHORT_NAMES[k] ?? []).map((n) => [n, k])]),
);

/** The short Russian name of a register kind, for messages and notices («заявка», «лицензия»). */
export function registerKindTitle(kind: string): string {
  return SHORT_NAMES[kind]?.[0] ?? EVENTS[kind] ?? kind;
}
