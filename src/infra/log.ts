/**
 * Minimal structured logger for the engine's own processes. Lines go to stderr so that command
 * output on stdout stays machine-readable. Callers must never pass personal data (names, SNILS,
 * passport numbers) here: logs leave the organisation's control.
 */
export function log(event: string, fields: Record<string, unknown> = {}): void {
  if (process.env.REGLAMENT_QUIET === '1') return;
  const parts = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  process.stderr.write(`[reglament] ${event}${parts.length ? ' ' + parts.join(' ') : ''}\n`);
}
