/**
 * The catalog of named compliance checks a regulation may use. Each entry says what it checks,
 * which trigger it fits, and the JSON Schema of its parameters; the SQL behind each lives in its
 * own module. Regulation files name a check and give parameters; they never contain SQL.
 */
export interface CheckDefinition {
  name: string;
  /** Russian description for operators and e-mails. */
  title: string;
  /** Events this check can evaluate (for `after_event` rules); empty for period checks. */
  events: string[];
  /** JSON Schema (2020-12) of `params`. */
  params: Record<string, unknown>;
}

/** Student card fields that `student_card_complete` can require (columns of `students`). */
export const STUDENT_CARD_FIELDS = [
  'last_name', 'first_name', 'middle_name', 'birth_date', 'sex', 'citizenship', 'home_phone', 'personal_file_no', 'snils', 'health_group',
] as const;

/** Russian names of the student card fields, for e-mails. */
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

export const CHECKS: Record<string, CheckDefinition> = {
  student_card_complete: {
    name: 'student_card_complete',
    title: 'Карточка обучающегося заполнена',
    events: ['enrollment_order'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['fields'],
      properties: {
        fields: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...STUDENT_CARD_FIELDS] } },
      },
    },
  },
  manual: {
    name: 'manual',
    title: 'Исполнение подтверждает ответственный',
    events: [],
    params: { type: 'object', additionalProperties: false, properties: {} },
  },
};
