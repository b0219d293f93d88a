import { academicYearMilestone } from './academicYearMilestone.js';

/**
 * `next_academic_year_created`: the academic year nearest the deadline has been formed in the judged
 * module («Формирование следующего года»): done at that year's `academic_years.next_year_created_at`,
 * if recorded by `asOf`.
 */
export const nextAcademicYearCreated = academicYearMilestone({ name: 'next_academic_year_created', column: 'next_year_created_at', year: 'current', countLabel: 'год сформирован' });
