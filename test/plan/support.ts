import type { CompiledLadder, CompiledRegulation, CompiledRule, DueAnchor, DueSpec, RoleRef, Trigger } from '../../src/regulation/model.js';
import { parseTerm, type Term } from '../../src/time/term.js';

/** Roles of the hand-written test regulation. */
export const ROLES = {
  head: { id: 'head', title: 'Руководитель организации', scope: 'organisation' },
  mo: { id: 'mo', title: 'Муниципальный оператор', scope: 'municipality' },
  ro: { id: 'ro', title: 'Региональный оператор', scope: 'region' },
} satisfies Record<string, RoleRef>;

/** A deadline anchor with the defaults the compiler applies (inclusive, moved to a working day). */
export function due(anchor: DueAnchor, extra: Partial<Pick<DueSpec, 'until' | 'moveToWorkingDay'>> = {}): DueSpec {
  return { until: 'inclusive', moveToWorkingDay: true, ...anchor, ...extra } as DueSpec;
}

/** A term anchor from its text: `term('3 рабочих дня')`. */
export function term(text: string): DueAnchor {
  return { kind: 'term', term: parseTerm(text), termText: text };
}

/** Parsed terms, for reminders: `terms('3 рабочих дня', '1 час')`. */
export function terms(...texts: string[]): Term[] {
  return texts.map((t) => parseTerm(t));
}

/** A ladder from `[role, after]` pairs. */
export function ladder(steps: [RoleRef, string][], repeat?: string): CompiledLadder {
  return { steps: steps.map(([role, after], step) => ({ step, role, after: parseTerm(after), afterText: after })), ...(repeat ? { repeat: parseTerm(repeat) } : {}) };
}

/** A compiled rule with one deadline for the head unless `deadlines` is given. */
export function rule(id: string, trigger: Trigger, spec: Partial<CompiledRule> & { due?: DueSpec } = {}): CompiledRule {
  const { due: single, ...rest } = spec;
  return {
    regulationId: 'test-plan',
    id,
    title: `Правило ${id}`,
    citation: { clause: '1.1', text: `Текст правила ${id}.` },
    scope: { organisationTypes: ['ООО'] },
    trigger,
    deadlines: single ? [{ role: ROLES.head, due: single }] : [],
    reminders: [],
    check: { name: 'manual', params: {} },
    escalation: ladder([[ROLES.head, '0 часов']]),
    ...rest,
  };
}

/** A regulation of YaNAO (Asia/Yekaterinburg, +05:00) holding `rules`, in force from 2018. */
export function regulation(rules: CompiledRule[], extra: Partial<CompiledRegulation> = {}): CompiledRegulation {
  return {
    id: 'test-plan',
    title: 'Тестовый регламент',
    source: { issuer: 'Тестовый департамент', act: 'Приказ', number: '1', date: '2018-03-01' },
    region: 'yanao',
    timezone: 'Asia/Yekaterinburg',
    calendar: 'ru-federal',
    effective: { from: '2018-03-01' },
    version: 1,
    versionHash: 'test',
    sourcePath: 'test-plan.yaml',
    rules,
    ...extra,
  };
}

/** The academic year 2024/2025 as a plan range. */
export const AY_2024 = { from: '2024-09-01', to: '2025-08-31' };
