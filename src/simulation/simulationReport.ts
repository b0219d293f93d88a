import { sql, type CommonQueryMethods } from 'slonik';
import { z } from 'zod';
import type { SimulationRun } from './simulateYear.js';

/** Compliance levels of a municipality by its share of period obligations met on time. */
export const COMPLIANCE_LEVELS = [
  { name: 'высокий', min: 90 },
  { name: 'средний', min: 70 },
  { name: 'низкий', min: 0 },
] as const;

/** One municipality's compliance over the simulated span. */
export interface MunicipalityCompliance {
  municipalityId: string;
  name: string;
  /** Period obligations judged (met, met late, missed) for its organisations. */
  judged: number;
  met: number;
  metLate: number;
  missed: number;
  /** Share met on time, percent (null when nothing was judged). */
  compliance: number | null;
  level: string | null;
  /** Event-relative obligations not met in term (late or still open). */
  eventViolations: number;
}

/** The report of a simulation. */
export interface SimulationReport {
  run: SimulationRun;
  obligations: { period: Record<string, number>; event: Record<string, number> };
  municipalities: MunicipalityCompliance[];
  notifications: { window: number; reminder: number; deadline: number; escalation: number; repeats: number; byStatus: Record<string, number> };
  mail: { messages: number; recipients: number; digestsWithSeveralNotices: number };
  /** Rules with the most missed obligations. */
  worstRules: { rule: string; missed: number; metLate: number }[];
}

const count = z.object({ key: z.string(), n: z.number() });

/**
 * Reads what a simulation left in its database into a report: obligations by status (period and
 * event-relative), compliance per municipality with its level, notifications by kind and status,
 * e-mails and recipients, and the rules missed most. Counts only; no personal data.
 */
export async function simulationReport(db: CommonQueryMethods, run: SimulationRun): Promise<SimulationReport> {
  const byStatus = async (periodCases: boolean) => Object.fromEntries((await db.any(sql.type(count)`
    SELECT status AS key, count(*)::int AS n FROM obligation_cases
    WHERE (period_id <> '') = ${periodCases} GROUP BY status ORDER BY status`)).map((r) => [r.key, r.n]));
  const municipalities = await db.any(sql.type(z.object({
    id: z.string(), name: z.string(), met: z.number(), met_late: z.number(), missed: z.number(), event_violations: z.number(),
  }))`
    SELECT m.id, m.name,
           count(c.id) FILTER (WHERE c.period_id <> '' AND c.status = 'met')::int AS met,
           count(c.id) FILTER (WHERE c.period_id <> '' AND c.status = 'met_late')::int AS met_late,
           count(c.id) FILTER (WHERE c.period_id <> '' AND c.status = 'missed')::int AS missed,
           count(c.id) FILTER (WHERE c.period_id = '' AND c.status IN ('met_late', 'open'))::int AS event_violations
    FROM municipalities m
    LEFT JOIN obligation_cases c ON c.municipality_id = m.id AND c.organisation_id IS NOT NULL
    GROUP BY m.id, m.name ORDER BY m.id`);
  const notices = await db.any(sql.type(z.object({ notice: z.string(), step: z.number(), repeat: z.number(), status: z.string(), n: z.number() }))`
    SELECT notice, step, repeat, status, count(*)::int AS n FROM notifications GROUP BY notice, step, repeat, status`);
  const mail = await db.one(sql.type(z.object({ messages: z.number(), recipients: z.number(), digests: z.number() }))`
    SELECT (SELECT count(DISTINCT message_id)::int FROM notifications WHERE status = 'sent') AS messages,
           (SELECT count(DISTINCT recipient_email)::int FROM notifications WHERE status = 'sent') AS recipients,
           (SELECT count(*)::int FROM (SELECT message_id FROM outbox_parts WHERE status = 'sent' GROUP BY message_id HAVING count(*) > 1) d) AS digests`);
  const worst = await db.any(sql.type(z.object({ rule: z.string(), missed: z.number(), met_late: z.number() }))`
    SELECT regulation_id || '/' || rule_id AS rule,
           count(*) FILTER (WHERE status IN ('missed', 'open'))::int AS missed,
           count(*) FILTER (WHERE status = 'met_late')::int AS met_late
    FROM obligation_cases GROUP BY 1 HAVING count(*) FILTER (WHERE status IN ('missed', 'open')) > 0
    ORDER BY missed DESC, rule LIMIT 10`);

  const sum = (f: (n: (typeof notices)[number]) => boolean) => notices.filter(f).reduce((a, n) => a + n.n, 0);
  const statuses: Record<string, number> = {};
  for (const n of notices) statuses[n.status] = (statuses[n.status] ?? 0) + n.n;
  return {
    run,
    obligations: { period: await byStatus(true), event: await byStatus(false) },
    municipalities: municipalities.map((m) => {
      const judged = m.met + m.met_late + m.missed;
      const compliance = judged ? Math.round((1000 * m.met) / judged) / 10 : null;
      return {
        municipalityId: m.id, name: m.name, judged, met: m.met, metLate: m.met_late, missed: m.missed, compliance,
        level: compliance === null ? null : COMPLIANCE_LEVELS.find((l) => compliance >= l.min)!.name,
        eventViolations: m.event_violations,
      };
    }),
    notifications: {
      window: sum((n) => n.notice === 'window'),
      reminder: sum((n) => n.notice === 'reminder'),
      deadline: sum((n) => n.notice === 'escalation' && n.step === 0 && n.repeat === 0),
      escalation: sum((n) => n.notice === 'escalation' && (n.step > 0 || n.repeat > 0)),
      repeats: sum((n) => n.repeat > 0),
      byStatus: statuses,
    },
    mail: { messages: mail.messages, recipients: mail.recipients, digestsWithSeveralNotices: mail.digests },
    worstRules: worst.map((w) => ({ rule: w.rule, missed: w.missed, metLate: w.met_late })),
  };
}
