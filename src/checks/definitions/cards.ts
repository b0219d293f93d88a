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

/**
 * Russian names of the staff card fields that `staff_card_complete` can require: the «Личная
 * карточка сотрудника» of ЯНАО order № 216, §1.4.1, in source order. Keys without a column in
 * `staff` yet (e.g. `user_roles`, `staff_category`) are part of the contract for the check's SQL.
 */
export const STAFF_CARD_FIELD_TITLES: Record<string, string> = {
  last_name: 'фамилия',
  first_name: 'имя',
  middle_name: 'отчество',
  birth_date: 'дата рождения',
  sex: 'пол',
  citizenship: 'гражданство',
  residence_address: 'место жительства',
  registration_address: 'место регистрации',
  home_phone: 'домашний телефон',
  user_roles: 'функции пользователя',
  personnel_no: 'табельный номер',
  teaching_activity: 'учебная деятельность',
  hire_date: 'дата приёма на работу',
  hire_order_no: 'номер приказа о приёме на работу',
  main_position: 'основная должность',
  main_position_attestation_request: 'заявка на аттестацию по основной должности',
  extra_position: 'дополнительная должность',
  extra_position_attestation_request: 'заявка на аттестацию по дополнительной должности',
  work_experience: 'трудовой стаж',
  title_degree: 'звание, учёная степень',
  awards: 'награды',
  education_level: 'образование',
  education_institution: 'учебное заведение',
  diploma_date: 'дата выдачи диплома',
  diploma_no: 'номер диплома',
  diploma_specialty: 'специальность по диплому',
  training_courses: 'курсы повышения квалификации',
  distance_courses: 'курсы заочного обучения',
  staff_category: 'категория работника',
  department: 'подразделение',
  passport: 'паспортные данные',
  snils: 'СНИЛС',
};

/** Staff card fields that `staff_card_complete` can require. */
export const STAFF_CARD_FIELDS = Object.keys(STAFF_CARD_FIELD_TITLES);

/**
 * Russian names of the parent (legal representative) card fields that `parent_card_complete` can
 * require (columns of `parents`). One `phone` stands for «рабочий и (или) сотовый».
 */
export const PARENT_CARD_FIELD_TITLES: Record<string, string> = {
  last_name: 'фамилия',
  first_name: 'имя',
  middle_name: 'отчество',
  phone: 'телефон для связи',
  birth_date: 'дата рождения',
  passport: 'паспортные данные',
  snils: 'СНИЛС',
};

/** Parent card fields that `parent_card_complete` can require. */
export const PARENT_CARD_FIELDS = Object.keys(PARENT_CARD_FIELD_TITLES);

const fieldList = (fields: readonly string[]) => ({ type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...fields] } });

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
  {
    // Completion is when the last required field was first filled, compared with the hiring date.
    name: 'staff_card_complete',
    title: 'Карточка сотрудника заполнена',
    events: ['staff_hire'],
    params: { type: 'object', additionalProperties: false, required: ['fields'], properties: { fields: fieldList(STAFF_CARD_FIELDS) } },
  },
  {
    // A student with no parent card at all fails too: the duty is to enter the parents, not only to fill them.
    name: 'parent_card_complete',
    title: 'Карточка родителя (законного представителя) обучающегося заполнена',
    events: ['enrollment_order'],
    params: { type: 'object', additionalProperties: false, required: ['fields'], properties: { fields: fieldList(PARENT_CARD_FIELDS) } },
  },
  {
    // Judged by when the «Уволить» action was taken (staff.dismissal_entered_at), not by the dismissal date itself.
    name: 'staff_dismissal_entered',
    title: 'Увольнение сотрудника оформлено в системе (кнопка «Уволить»)',
    events: ['employee_last_day', 'staff_dismissal'],
    params: NO_PARAMS,
  },
  { name: 'manual', title: 'Исполнение подтверждает ответственный', events: [], params: NO_PARAMS },
];
