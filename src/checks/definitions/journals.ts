import type { CheckDefinition } from '../checkDefinition.js';

/** Per-lesson entries of the e-journal that `journal_lesson_filled` can require, in Russian. */
export const LESSON_ENTRY_TITLES: Record<string, string> = {
  topic: 'тема урока',
  homework: 'домашнее задание',
  attendance: 'посещаемость',
};

/** Period, exam and final marks (`period_marks.period`), in Russian. */
export const PERIOD_MARK_TITLES: Record<string, string> = {
  q1: 'оценки за I четверть',
  q2: 'оценки за II четверть',
  q3: 'оценки за III четверть',
  q4: 'оценки за IV четверть',
  h1: 'оценки за I полугодие',
  h2: 'оценки за II полугодие',
  year: 'годовые оценки',
  exam: 'экзаменационные оценки',
  final: 'итоговые оценки',
};

const grades = { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 11 } };

/** Checks of the electronic journal: lessons, marks, period and final marks. */
export const JOURNAL_CHECKS: CheckDefinition[] = [
  {
    name: 'journal_lesson_filled',
    title: 'Урок (занятие) заполнен в электронном журнале',
    events: ['lesson'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['entries'],
      properties: { entries: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: Object.keys(LESSON_ENTRY_TITLES) } } },
    },
  },
  {
    // A missing mark cannot be told from the data (not every pupil gets one), so the breach is a mark
    // entered after the term. `after` picks the lessons (`lessons.kind`): ordinary timetable lessons,
    // or assessments, which have their own, longer term.
    name: 'journal_marks_entered',
    title: 'Оценки внесены в электронный журнал в срок',
    events: ['lesson', 'assessment'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['after'],
      properties: { after: { enum: ['lesson', 'assessment'] } },
    },
  },
  {
    // For exam results the term runs per subject from its own publication date.
    name: 'period_marks_entered',
    title: 'Четвертные, годовые, экзаменационные и итоговые оценки выставлены',
    events: ['academic_year_end', 'exam_results_publication'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['periods'],
      properties: {
        periods: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: Object.keys(PERIOD_MARK_TITLES) } },
        grades,
      },
    },
  },
];
