import { NO_PARAMS, type CheckDefinition } from '../checkDefinition.js';

/**
 * Education levels of the contingent registry record (the УФТТ of the regional segment of the
 * federal contingent system), in Russian.
 */
export const CONTINGENT_EDUCATION_LEVELS: Record<string, string> = {
  preschool: 'дошкольное образование',
  general: 'начальное общее, основное общее и среднее общее образование',
  additional: 'дополнительное образование детей',
  vocational_training: 'профессиональное обучение',
  spo: 'среднее профессиональное образование',
};

/** Movement documents (`movement_orders.kind`) that `movement_document_created` judges, in Russian. */
export const MOVEMENT_KIND_TITLES: Record<string, string> = {
  enrollment: 'зачисление',
  transfer: 'перевод',
  graduation: 'выпуск',
  dropout: 'выбытие (отчисление)',
};

/** State final exams whose results are imported into the regional system (`exam_result_publications.exam`). */
export const EXAM_TITLES: Record<string, string> = {
  'ОГЭ': 'основной государственный экзамен',
  'ЕГЭ': 'единый государственный экзамен',
  'ГВЭ': 'государственный выпускной экзамен',
};

const listOf = (values: string[]) => ({ type: 'array', minItems: 1, uniqueItems: true, items: { enum: values } });

/** Checks of the contingent registry: records, reconciliation, transfers, movement documents, exam results. */
export const CONTINGENT_CHECKS: CheckDefinition[] = [
  {
    // Done when the organisation's records were updated in the regional segment during the period
    // (an upload in `contingent_exports`); the metric is the share of the УФТТ fields filled in its
    // records for `education_levels` (all levels the organisation teaches when absent).
    name: 'contingent_records_updated',
    title: 'Сведения о контингенте организации актуализированы в региональном сегменте',
    events: [],
    metric: 'percent',
    higherIsBetter: true,
    params: { type: 'object', additionalProperties: false, properties: { education_levels: listOf(Object.keys(CONTINGENT_EDUCATION_LEVELS)) } },
  },
  {
    // Discrepancy = |registry count − reported count| / reported count × 100, where the reported count
    // is the organisation's own contingent (statistical reporting); for a municipality or the region
    // the counts are summed first. Met while the discrepancy does not exceed `max_percent`.
    name: 'contingent_discrepancy',
    title: 'Расхождение численности контингента в региональном сегменте с отчётными данными организации',
    events: [],
    metric: 'percent',
    higherIsBetter: false,
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['max_percent'],
      properties: { max_percent: { type: 'number', minimum: 0, maximum: 100 } },
    },
  },
  {
    // Done for a tier when every organisation in its scope has a discrepancy result as of the deadline.
    name: 'contingent_reconciled',
    title: 'Выверка численности контингента проведена по каждой организации',
    events: [],
    params: NO_PARAMS,
  },
  {
    // Uploads of the period whose `discrepancies` are not zero must be followed by a clean upload
    // before the deadline.
    name: 'contingent_export_errors_resolved',
    title: 'Ошибки и расхождения в сведениях, переданных в модуль «Контингент», устранены',
    events: [],
    params: NO_PARAMS,
  },
  {
    // Compares when the movement document was entered (`movement_orders.entered_at`) with the event it
    // is based on; `kinds` narrows which documents count (all kinds when absent).
    name: 'movement_document_created',
    title: 'Документ о движении обучающегося создан в книге движения',
    events: ['application', 'enrollment_order', 'transfer_order', 'dropout_order', 'graduation_order'],
    params: { type: 'object', additionalProperties: false, properties: { kinds: listOf(Object.keys(MOVEMENT_KIND_TITLES)) } },
  },
  {
    // The results are part of the learner's contingent record (УФТТ: ОГЭ/ГВЭ, ЕГЭ/ГВЭ); judged per
    // exam and subject from the moment the approved results were received.
    name: 'exam_results_imported',
    title: 'Результаты ГИА импортированы в региональную систему',
    events: ['exam_results_publication'],
    params: { type: 'object', additionalProperties: false, required: ['exams'], properties: { exams: listOf(Object.keys(EXAM_TITLES)) } },
  },
];
