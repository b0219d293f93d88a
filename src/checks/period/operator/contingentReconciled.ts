import { contingentRecordsUpdated } from '../journals/contingentRecordsUpdated.js';
import type { PeriodCheck } from '../periodCheck.js';

/**
 * `contingent_reconciled`: done for a tier when every organisation in its scope has a discrepancy
 * result, i.e. an upload to the registry (`contingent_exports`) in the period by `asOf` — the
 * registry count `contingent_discrepancy` compares with the organisation's own. Done at the last
 * organisation's first upload, as in `contingent_records_updated`, whose query it runs; no metric.
 * `offending`: the organisations not yet reconciled (no upload).
 */
export const contingentReconciled: PeriodCheck = {
  name: 'contingent_reconciled',
  async evaluate(db, input) {
    const outcomes = await contingentRecordsUpdated.evaluate(db, input);
    return outcomes.map((o) => ({ ...o, metric: null, counts: { 'организаций': o.counts['организаций'] ?? 0, 'не проверено': o.offending.length } }));
  },
};
