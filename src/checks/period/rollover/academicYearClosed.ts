import { academicYearMilestone } from './academicYearMilestone.js';

/**
 * `academic_year_closed`: the year before the one nearest the deadline (the year that ended on
 * 31 August) is closed in the judged module: done at its `academic_years.closed_at`, if recorded by
 * `asOf`.
 */
export const academicYearClosed = academicYearMilestone({ name: 'academic_year_closed', column: 'closed_at', year: 'previous', countLabel: 'год закрыт' });
