import type { CheckDefinition } from '../checkDefinition.js';

/** Planning documents of an academic year (`planning_documents.kind`), with Russian names. */
export const PLANNING_DOCUMENT_TITLES: Record<string, string> = {
  curriculum: 'учебный план',
  individual_curriculum: 'индивидуальный учебный план',
  schedule: 'расписание',
  thematic_plan: 'тематическое планирование',
};

/** What a curriculum must contain (ЯНАО order № 216, §1.4.2), with Russian names. */
export const CURRICULUM_REQUIREMENTS: Record<string, string> = {
  study_periods: 'границы учебных периодов',
  subject_areas: 'образовательная область у каждого предмета',
  common_subjects: '«Общий предмет», совпадающий с названием предмета',
};

/**
 * Documents an organisation must place in «Ресурсы - Документы» as a link or an attached copy (ЯНАО
 * order № 216, section 3), with Russian names.
 */
export const PUBLIC_DOCUMENT_TITLES: Record<string, string> = {
  charter: 'устав образовательной организации',
  curriculum: 'учебный план на текущий учебный год',
  main_programme: 'основная образовательная программа',
  work_programmes: 'рабочие программы учебных курсов, предметов, дисциплин (модулей)',
  gia_procedure: 'порядок проведения государственной (итоговой) аттестации',
  gia_schedule: 'сроки и формы проведения государственной итоговой аттестации',
  exam_results: 'результаты сданных экзаменов, тестирования и иных вступительных испытаний',
};

const listOf = (values: string[]) => ({ type: 'array', minItems: 1, uniqueItems: true, items: { enum: values } });

/** Checks of planning documents and of the documents an organisation publishes. */
export const DOCUMENT_CHECKS: CheckDefinition[] = [
  {
    // The academic year judged is the one starting on the 1 September nearest to the deadline.
    name: 'planning_documents_ready',
    title: 'Учебный план (расписание) на новый учебный год сформирован',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['kinds'],
      properties: {
        kinds: listOf(Object.keys(PLANNING_DOCUMENT_TITLES)),
        // Each class or group must have its own document (a timetable per class), not just one per organisation.
        per_class_group: { type: 'boolean' },
        require: listOf(Object.keys(CURRICULUM_REQUIREMENTS)),
      },
    },
  },
  {
    // `current_year`: a document approved before the academic year began does not count for kinds that change yearly.
    name: 'public_documents_published',
    title: 'Обязательные документы размещены в разделе «Ресурсы - Документы»',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['kinds'],
      properties: { kinds: listOf(Object.keys(PUBLIC_DOCUMENT_TITLES)), current_year: { type: 'boolean' } },
    },
  },
];
