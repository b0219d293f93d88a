import { continueAsNew, proxyActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import { nextDigestAt } from '../src/notify/nextDigestAt.js';

/** Input of the daily digest of one region. */
export interface DigestInput {
  region: string;
  zone: string;
  /** Local hour at which the day's digests go out. */
  hour: number;
  /** Added to the workflow clock (simulations of past years on the time-skipping server). */
  clockOffsetMs: number;
  /** Send what is queued right away before the first scheduled digest (the engine's start). */
  sendNow?: boolean;
  /** Stop after the last digest at or before this instant (simulations); unbounded when absent. */
  until?: string;
}

/** Digests per run before continuing as new, so the history stays small. */
const PER_RUN = 60;

/**
 * The daily digest of one region: sleeps until `hour`:00 local time, sends each recipient one
 * e-mail with every notice queued for them (activity `sendDigests`), and repeats every day,
 * continuing as new every `PER_RUN` days. Returns the number of digest e-mails sent, only when
 * `until` is reached.
 */
export async function digestWorkflow(input: DigestInput): Promise<number> {
  const { sendDigests } = proxyActivities<Activities>({
    startToCloseTimeout: '10 minutes',
    retry: { initialInterval: '30 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
  });
  let sent = 0;
  for (let i = 0; i < PER_RUN; i++) {
    const now = Date.now() + input.clockOffsetMs;
    if (!(input.sendNow && i === 0)) {
      const at = nextDigestAt(now, input.zone, input.hour);
      if (input.until && at > Date.parse(input.until)) return sent;
      await sleep(at - now);
    }
    const result = await sendDigests({ region: input.region, zone: input.zone, asOf: new Date(Date.now() + input.clockOffsetMs).toISOString() });
    sent += result.mailsSent;
  }
  return continueAsNew<typeof digestWorkflow>({ ...input, sendNow: false });
}
