import type { CheckDefinition } from '../checkDefinition.js';

/** Accounts that can be moved to ESIA login, with Russian names. */
export const ESIA_ACCOUNT_TITLES: Record<string, string> = {
  staff: 'учётная запись сотрудника',
  parent: 'учётная запись родителя (законного представителя)',
};

/** Checks of login through ЕСИА (the federal identification and authentication system). */
export const ESIA_CHECKS: CheckDefinition[] = [
  {
    // Judged by `esia_linked_at` of the staff member, or of the parents linked to the enrolled student.
    name: 'esia_account_linked',
    title: 'Учётная запись переведена на вход через ЕСИА',
    events: ['staff_hire', 'enrollment_order'],
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['account'],
      properties: { account: { enum: Object.keys(ESIA_ACCOUNT_TITLES) } },
    },
  },
];
