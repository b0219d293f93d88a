/** The shape of a regulation file as written, once it has passed the JSON Schema. */
export interface RawRegulation {
  id: string;
  title: string;
  source: { issuer: string; act: string; number?: string; date: string; appendix?: string; url?: string };
  region: string;
  timezone: string;
  calendar: string;
  effective: { from: string; to?: string };
  version: number;
  roles: Record<string, { title: string; scope: 'organisation' | 'municipality' | 'region' }>;
  rules: RawRule[];
}

/** One rule as written. */
export interface RawRule {
  id: string;
  title: string;
  citation: { clause: string; text: string };
  scope: { organisation_types: string[]; municipalities?: string[] };
  when: { after_event?: { event: string; term: string; move_to_working_day?: boolean } };
  check: { name: string; params?: Record<string, unknown> };
  escalation: { to: string; after: string }[];
}
