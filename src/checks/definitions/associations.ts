import type { CheckDefinition } from '../checkDefinition.js';
import { SYSTEM_MODULES } from './rollover.js';

/** Cards whose fill rate `card_fill_rate` measures, in Russian. */
export const FILL_RATE_CARD_TITLES: Record<string, string> = {
  organisation: 'карточка образовательной организации',
  staff: 'карточки сотрудников',
  staff_portfolio: 'портфолио сотрудников',
};

/**
 * Checks of supplementary-education organisations (associations and programmes, the academic-year
 * switch) and, until the catalog gets a better home for them, of card fill rates.
 */
export const ASSOCIATION_CHECKS: CheckDefinition[] = [
  {
    // Looks at the academic year that starts on the 1 September nearest to the deadline, like the
    // rollover checks: associations of that year against the organisation's active programmes.
    name: 'associations_match_programmes',
    title: 'Количество объединений учебного года соответствует количеству действующих программ',
    events: [],
    params: { type: 'object', additionalProperties: false, properties: {} },
  },
  {
    // The counterpart of `academic_year_opened`: the year that ended on 31 August is closed
    // (`academic_years.closed_at`), so that the new year is the current one.
    name: 'academic_year_closed',
    title: 'Прошедший учебный год закрыт',
    events: [],
    params: { type: 'object', additionalProperties: false, properties: { module: { enum: [...SYSTEM_MODULES] } } },
  },
  {
    // The metric is the lowest fill rate among `cards` (the share of filled fields, averaged over the
    // cards of that kind in the organisation); the obligation is met when it reaches `min_percent`.
    name: 'card_fill_rate',
    title: 'Процент заполнения карточек в системе',
    events: [],
    metric: 'percent',
    higherIsBetter: true,
    params: {
      type: 'object',
      additionalProperties: false,
      required: ['cards', 'min_percent'],
      properties: {
        cards: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: Object.keys(FILL_RATE_CARD_TITLES) } },
        min_percent: { type: 'number', minimum: 0, maximum: 100 },
      },
    },
  },
];
