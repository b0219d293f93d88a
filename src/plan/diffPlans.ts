import type { Occurrence } from './occurrence.js';

/** How a plan changes when a regulation is edited: occurrences added, removed, and moved (a deadline changed). */
export interface PlanDiff {
  added: { id: string; title: string; due: string[] }[];
  removed: { id: string; title: string; due: string[] }[];
  moved: { id: string; title: string; from: string[]; to: string[] }[];
}

const dues = (o: Occurrence) => o.deadlines.map((d) => `${d.role.title}: ${d.lastDay}`);

/**
 * Compares two plans by occurrence id (`<regulation>/<rule>/<period>`): ids only in `after` are
 * added, only in `before` removed, and in both with different deadline days (per tier) moved.
 */
export function diffPlans(before: Occurrence[], after: Occurrence[]): PlanDiff {
  const old = new Map(before.map((o) => [o.id, o]));
  const now = new Map(after.map((o) => [o.id, o]));
  const diff: PlanDiff = { added: [], removed: [], moved: [] };
  for (const [id, o] of now) {
    const prev = old.get(id);
    if (!prev) diff.added.push({ id, title: o.title, due: dues(o) });
    else if (dues(prev).join('|') !== dues(o).join('|')) diff.moved.push({ id, title: o.title, from: dues(prev), to: dues(o) });
  }
  for (const [id, o] of old) if (!now.has(id)) diff.removed.push({ id, title: o.title, due: dues(o) });
  return diff;
}
