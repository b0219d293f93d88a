import type { CheckDefinition } from '../checkDefinition.js';

/**
 * Modules of АИС «Сетевой город. Образование» by organisation type: МДОО (ДОО), МОО (ООО), МОДО
 * (ОДО), МОПО (ПОО). When a check's `module` is absent, each organisation is judged in its own.
 */
export const SYSTEM_MODULES = ['МДОО', 'МОО', 'МОДО', 'МОПО'] as const;

/** Movement document types a rollover check can look for, with their names in the system. */
export const MOVEMENT_DOCUMENT_TITLES: Record<string, string> = {
  next_year_transfer: 'Перевод на следующий год',
  graduation: 'Выпускники',
  enrollment: 'Зачисление',
  dropout: 'Выбытие',
};

/** Attributes a movement document must carry, with their Russian names. */
export const MOVEMENT_DOCUMENT_REQUIREMENTS: Record<string, string> = {
  order_requisites: 'реквизиты приказа (номер и дата)',
  reason: 'причина движения',
  receiving_institution: 'учреждение, в которое выбывает обучающийся',
  graduate_subtype: 'подтип документа «Выпускники»',
  further_education: 'направление дальнейшего обучения',
};

/** What a class, group or association of the new year must have, with Russian names. */
export const CLASS_GROUP_REQUIREMENTS: Record<string, string> = {
  profile: 'заполненный профиль',
  teacher: 'назначенный преподаватель (педагог)',
  subgroups: 'деление на подгруппы по предметам',
  class_teacher: 'классный руководитель (куратор, воспитатель группы)',
  subject_teachers: 'учителя-предметники по каждому предмету',
};

/** Fields of the academic-year record that opening the year must set. */
export const ACADEMIC_YEAR_FIELD_TITLES: Record<string, string> = {
  name: 'название учебного года',
  starts_on: 'дата начала',
  ends_on: 'дата окончания',
  days_off: 'выходные дни',
};

const moduleParam = { enum: [...SYSTEM_MODULES] };
const monthDay = { type: 'string', pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' };
const listOf = (values: string[]) => ({ type: 'array', minItems: 1, uniqueItems: true, items: { enum: values } });

/**
 * Checks of the move to a new academic year. Every one of them looks at the academic year that
 * starts on the 1 September nearest to the deadline: the «будущий» year while the window runs in
 * summer, the «новый» (current) one when the deadline is in early September.
 */
export const ROLLOVER_CHECKS: CheckDefinition[] = [
  {
    name: 'next_academic_year_created',
    title: 'Будущий учебный год сформирован в модуле («Формирование следующего года»)',
    events: [],
    params: { type: 'object', additionalProperties: false, properties: { module: moduleParam } },
  },
  {
    // One check for classes (МОО), groups (МДОО, МОПО) and associations (МОДО): the module tells which.
    name: 'class_groups_formed',
    title: 'Классы (группы, объединения) нового учебного года сформированы',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      properties: { module: moduleParam, require: listOf(Object.keys(CLASS_GROUP_REQUIREMENTS)) },
    },
  },
  {
    // `every_student`: each pupil of `grades` (or of the organisation) must have one of `documents`,
    // which is how a forgotten transfer shows; without it only the documents present are judged.
    name: 'movement_documents_entered',
    title: 'Приказы о движении обучающихся внесены в книгу движения',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['documents'],
      properties: {
        module: moduleParam,
        documents: listOf(Object.keys(MOVEMENT_DOCUMENT_TITLES)),
        grades: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 11 } },
        every_student: { type: 'boolean' },
        require: listOf(Object.keys(MOVEMENT_DOCUMENT_REQUIREMENTS)),
        order_dates: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { from: monthDay, to: monthDay },
        },
      },
    },
  },
  {
    name: 'academic_year_opened',
    title: 'Новый учебный год открыт',
    events: [],
    params: {
      type: 'object',
      additionalProperties: false,
      properties: { module: moduleParam, fields: listOf(Object.keys(ACADEMIC_YEAR_FIELD_TITLES)) },
    },
  },
];
