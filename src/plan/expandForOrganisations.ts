import type { Occurrence } from './occurrence.js';

/** An organisation of a region's registry, as far as scoping needs it. */
export interface PlanOrganisation {
  id: string;
  /** Organisation type as in rule scopes: ООО, ДОО, ОДО, ПОО, МОУО, … */
  type: string;
  municipality: string;
}

/** One occurrence for one organisation in its scope: `<regulation>/<rule>/<period>/<organisation>`. */
export interface SubjectOccurrence {
  id: string;
  occurrence: Occurrence;
  organisationId: string;
}

/** A region's organisations indexed by type, built once for many expansions. */
export interface OrganisationIndex {
  region: string;
  byType: Map<string, PlanOrganisation[]>;
  size: number;
}

/** Indexes the organisations of `region` by type. Never throws. */
export function indexOrganisations(region: string, organisations: PlanOrganisation[]): OrganisationIndex {
  const byType = new Map<string, PlanOrganisation[]>();
  for (const o of organisations) {
    const list = byType.get(o.type);
    if (list) list.push(o);
    else byType.set(o.type, [o]);
  }
  return { region, byType, size: organisations.length };
}

/**
 * Expands dated occurrences per organisation in scope: rule × period × organisation. Only
 * occurrences of regulations of the index's region count, and only organisations whose type is in
 * the rule's scope (and whose municipality is listed, when the scope lists municipalities; a scope
 * listing regions must name this one). Event rules have no dates and are not expanded. Never throws.
 */
export function expandForOrganisations(occurrences: Occurrence[], index: OrganisationIndex): SubjectOccurrence[] {
  const out: SubjectOccurrence[] = [];
  for (const occurrence of occurrences) {
    if (occurrence.kind === 'event' || occurrence.region !== index.region) continue;
    const { organisationTypes, municipalities, regions } = occurrence.scope;
    if (regions && !regions.includes(index.region)) continue;
    const allowed = municipalities ? new Set(municipalities) : undefined;
    for (const type of organisationTypes) {
      for (const organisation of index.byType.get(type) ?? []) {
        if (allowed && !allowed.has(organisation.municipality)) continue;
        out.push({ id: `${occurrence.id}/${organisation.id}`, occurrence, organisationId: organisation.id });
      }
    }
  }
  return out;
}
