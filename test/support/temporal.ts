/** The time-skipping server the workflow tests run on (the same one `reglament simulate` uses). */
export { timeSkippingEnvironment } from '../../src/execution/timeSkippingEnvironment.js';
