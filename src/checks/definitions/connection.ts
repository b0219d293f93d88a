import type { CheckDefinition } from '../checkDefinition.js';

/** Kinds of user accounts of the regional system that `user_account_registered` judges, in Russian. */
export const USER_ACCOUNT_TITLES: Record<string, string> = {
  staff: 'учётная запись работника',
  student: 'учётная запись обучающегося (студента)',
  parent: 'учётная запись родителя (законного представителя)',
};

/** Checks of connecting organisations and users to the regional system. */
export const CONNECTION_CHECKS: CheckDefinition[] = [
  {
    // Judged by when the account was created (login and temporary password issued): for staff against
    // the hiring date, for students and parents against the personal-data consent (`consent_at`), so a
    // card entered long before its account shows as late rather than as fine.
    name: 'user_account_registered',
    title: 'Пользователь зарегистрирован в системе (выданы логин и временный пароль)',
    events: ['staff_hire', 'consent'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['accounts'],
      properties: { accounts: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: Object.keys(USER_ACCOUNT_TITLES) } } },
    },
  },
];
