import { NO_PARAMS, type CheckDefinition } from '../checkDefinition.js';

/** Student card fields that `student_card_complete` can require (columns of `students`). */
export const STUDENT_CARD_FIELDS = [
  'last_name', 'first_name', 'middle_name', 'birth_date', 'sex', 'citizenship', 'home_phone', 'personal_file_no', 'snils', 'health_group',
] as const;

/** Russian names of the student card fields, for notices. */
export const STUDENT_CARD_FIELD_TITLES: Record<string, string> = {
  last_name: 'фамилия',
  first_name: 'имя',
  middle_name: 'отчество',
  birth_date: 'дата рождения',
  sex: 'пол',
  citizenship: 'гражданство',
  home_phone: 'домашний телефон',
  personal_file_no: 'номер личного дела',
  snils: 'СНИЛС',
  health_group: 'группа здоровья',
};

/** Checks of personal cards (students, parents, staff). */
export const CARD_CHECKS: CheckDefinition[] = [
  {
    name: 'student_card_complete',
    title: 'Карточка обучающегося заполнена',
    events: ['enrollment_order'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['fields'],
      properties: { fields: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...STUDENT_CARD_FIELDS] } } },
    },
  },
  { name: 'manual', title: 'Исполнение подтверждает ответственный', events: [], params: NO_PARAMS },
];
