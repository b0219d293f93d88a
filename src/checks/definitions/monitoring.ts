import type { CheckDefinition } from '../checkDefinition.js';

/**
 * Monitorings an operator tier carries out (`monitoring_submissions.monitoring`), with the
 * indicator each one computes over the organisations in the rule's scope, in Russian.
 */
export const MONITORING_TITLES: Record<string, string> = {
  academic_year_opening: 'открытие нового учебного года (доля организаций, открывших год)',
  journal_filling: 'заполнение электронных журналов и дневников (доля уроков, заполненных в срок)',
  quarter_marks: 'выставление четвертных оценок (доля выставленных оценок)',
  organisation_cards: 'заполнение карточек образовательных организаций и актуальность реквизитов (процент заполнения)',
  person_cards: 'заполнение личных карточек сотрудников, обучающихся и родителей (процент заполнения)',
  final_marks: 'выставление итоговых (годовых) и экзаменационных оценок (доля выставленных оценок)',
};

/** Checks of the monitoring that municipal and regional operators carry out (cyclograms). */
export const MONITORING_CHECKS: CheckDefinition[] = [
  {
    // Done when the tier (МО per municipality, РО for the region) has recorded the monitoring for the
    // period; the metric is the monitored indicator at the deadline, so levels grade what was found.
    name: 'monitoring_completed',
    title: 'Мониторинг проведён оператором',
    events: ['exam_results_publication'],
    metric: 'percent',
    higherIsBetter: true,
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['monitoring'],
      properties: {
        monitoring: { enum: Object.keys(MONITORING_TITLES) },
        grades: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 11 } },
      },
    },
  },
];
