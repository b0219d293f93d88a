import { Ajv2020 } from 'ajv/dist/2020.js';
import { DateTime, IANAZone } from 'luxon';
import { CHECKS } from '../checks/catalog.js';
import { REGIONS } from '../regions.js';
import { parseTerm } from '../time/term.js';
import { closest } from './closest.js';
import type { Lang, Problem } from './problem.js';
import type { RawRegulation } from './rawRegulation.js';
import { positionAt, type SourceFile } from './sourceFile.js';

/** What the semantic pass needs to know about the world outside the file. */
export interface SemanticContext {
  /** Calendar ids that exist, each with the years it has data for. */
  calendars: Record<string, { years: number[] }>;
  /** Regulation ids already seen in other files of the same run (to catch duplicates). */
  seenRegulationIds: Map<string, string>;
}

type Msg = { ru: string; en: string; hintRu?: string; hintEn?: string };

/**
 * Checks what JSON Schema cannot: unique ids, references to roles and checks, check parameters
 * against the check's own schema, real dates and ordered periods, known IANA zones, regions and
 * calendars, term syntax, and calendar coverage of the years the document is in force.
 * Returns located problems (errors, and warnings for missing calendar years); never throws.
 */
export function semanticChecks(source: SourceFile, doc: RawRegulation, ctx: SemanticContext, lang: Lang): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], code: string, m: Msg, severity: 'error' | 'warning' = 'error') => {
    const pos = positionAt(source, path);
    problems.push({
      file: source.path, line: pos.line, column: pos.column, code, severity,
      message: lang === 'ru' ? m.ru : m.en,
      hint: lang === 'ru' ? m.hintRu : m.hintEn,
    });
  };

  const other = ctx.seenRegulationIds.get(doc.id);
  if (other && other !== source.path) {
    add(['id'], 'DUPLICATE_ID', { ru: `документ с id «${doc.id}» уже есть в ${other}`, en: `a document with id "${doc.id}" already exists in ${other}` });
  } else ctx.seenRegulationIds.set(doc.id, source.path);

  const region = REGIONS[doc.region];
  if (!region) {
    const guess = closest(doc.region, Object.keys(REGIONS));
    add(['region'], 'UNKNOWN_REGION', {
      ru: `неизвестный регион «${doc.region}»`, en: `unknown region "${doc.region}"`,
      hintRu: guess ? `возможно, «${guess}»` : `известные регионы: ${Object.keys(REGIONS).join(', ')}`,
      hintEn: guess ? `did you mean "${guess}"?` : `known regions: ${Object.keys(REGIONS).join(', ')}`,
    });
  }
  if (!IANAZone.isValidZone(doc.timezone)) {
    add(['timezone'], 'BAD_TIMEZONE', {
      ru: `«${doc.timezone}» — не часовой пояс IANA`, en: `"${doc.timezone}" is not an IANA time zone`,
      hintRu: region ? `для региона ${region.name}: ${region.timezone}` : 'например, Asia/Yekaterinburg',
      hintEn: region ? `for ${region.id}: ${region.timezone}` : 'e.g. Asia/Yekaterinburg',
    });
  } else if (region && region.timezone !== doc.timezone) {
    add(['timezone'], 'TIMEZONE_MISMATCH', {
      ru: `часовой пояс ${doc.timezone} не совпадает с поясом региона (${region.timezone})`,
      en: `time zone ${doc.timezone} differs from the region's (${region.timezone})`,
    }, 'warning');
  }

  for (const [path, value] of [[['source', 'date'], doc.source.date], [['effective', 'from'], doc.effective.from], [['effective', 'to'], doc.effective.to]] as const) {
    if (value !== undefined && !DateTime.fromISO(value).isValid) {
      add([...path], 'BAD_DATE', { ru: `несуществующая дата ${value}`, en: `${value} is not a real date` });
    }
  }
  if (doc.effective.to && doc.effective.to < doc.effective.from) {
    add(['effective', 'to'], 'WINDOW_ORDER', { ru: 'дата окончания действия раньше даты начала', en: 'the end of the effective period is before its start' });
  }

  const calendar = ctx.calendars[doc.calendar];
  if (!calendar) {
    add(['calendar'], 'UNKNOWN_CALENDAR', {
      ru: `нет производственного календаря «${doc.calendar}»`, en: `no production calendar "${doc.calendar}"`,
      hintRu: `доступны: ${Object.keys(ctx.calendars).join(', ')}`, hintEn: `available: ${Object.keys(ctx.calendars).join(', ')}`,
    });
  } else {
    const from = Number(doc.effective.from.slice(0, 4));
    const to = doc.effective.to ? Number(doc.effective.to.slice(0, 4)) : Math.max(...calendar.years, from);
    const missing = [];
    for (let y = from; y <= to; y++) if (!calendar.years.includes(y)) missing.push(y);
    if (missing.length) {
      add(['calendar'], 'CALENDAR_GAP', {
        ru: `в календаре «${doc.calendar}» нет данных за ${missing.join(', ')}: сроки в эти годы будут предварительными`,
        en: `calendar "${doc.calendar}" has no data for ${missing.join(', ')}: deadlines in those years will be provisional`,
      }, 'warning');
    }
  }

  const ruleIds = new Map<string, number>();
  doc.rules.forEach((rule, i) => {
    const at = ['rules', i];
    const first = ruleIds.get(rule.id);
    if (first !== undefined) {
      add([...at, 'id'], 'DUPLICATE_ID', { ru: `правило «${rule.id}» уже объявлено (правило № ${first + 1})`, en: `rule "${rule.id}" is already declared (rule #${first + 1})` });
    } else ruleIds.set(rule.id, i);

    const trigger = rule.when.after_event;
    if (trigger) checkTerm(add, [...at, 'when', 'after_event', 'term'], trigger.term);

    const check = CHECKS[rule.check.name];
    if (!check) {
      const guess = closest(rule.check.name, Object.keys(CHECKS));
      add([...at, 'check', 'name'], 'UNKNOWN_CHECK', {
        ru: `нет проверки «${rule.check.name}» в каталоге`, en: `no check "${rule.check.name}" in the catalog`,
        hintRu: guess ? `возможно, «${guess}»` : `есть: ${Object.keys(CHECKS).join(', ')}`,
        hintEn: guess ? `did you mean "${guess}"?` : `available: ${Object.keys(CHECKS).join(', ')}`,
      });
    } else {
      if (trigger && check.events.length && !check.events.includes(trigger.event)) {
        add([...at, 'check', 'name'], 'CHECK_EVENT', {
          ru: `проверка «${check.name}» не умеет проверять событие «${trigger.event}»`, en: `check "${check.name}" cannot evaluate event "${trigger.event}"`,
          hintRu: `подходит для: ${check.events.join(', ')}`, hintEn: `it fits: ${check.events.join(', ')}`,
        });
      }
      for (const p of checkParams(check.name, rule.check.params ?? {}, lang)) {
        add([...at, 'check', 'params', ...p.path], 'CHECK_PARAMS', { ru: p.message, en: p.message });
      }
    }

    rule.escalation.forEach((step, j) => {
      if (!doc.roles[step.to]) {
        const guess = closest(step.to, Object.keys(doc.roles));
        add([...at, 'escalation', j, 'to'], 'UNKNOWN_ROLE', {
          ru: `роль «${step.to}» не объявлена в разделе roles`, en: `role "${step.to}" is not declared under roles`,
          hintRu: guess ? `возможно, «${guess}»` : `объявлены: ${Object.keys(doc.roles).join(', ')}`,
          hintEn: guess ? `did you mean "${guess}"?` : `declared: ${Object.keys(doc.roles).join(', ')}`,
        });
      }
      checkTerm(add, [...at, 'escalation', j, 'after'], step.after);
    });
  });
  return problems;
}

function checkTerm(add: (p: (string | number)[], c: string, m: Msg) => void, path: (string | number)[], text: string): void {
  try {
    parseTerm(text);
  } catch (err) {
    add(path, 'BAD_TERM', {
      ru: `не удаётся разобрать срок «${text}»`, en: `cannot parse the term "${text}"`,
      hintRu: 'пишите число и единицу: «3 рабочих дня», «10 дней», «1 час»',
      hintEn: 'write a number and a unit: "3 working days", "10 days", "1 hour"',
    });
  }
}

const paramValidators = new Map<string, ReturnType<Ajv2020['compile']>>();

function checkParams(name: string, params: Record<string, unknown>, lang: Lang): { path: (string | number)[]; message: string }[] {
  let v = paramValidators.get(name);
  if (!v) {
    v = new Ajv2020({ allErrors: true, strict: true }).compile(CHECKS[name]!.params);
    paramValidators.set(name, v);
  }
  if (v(params)) return [];
  return (v.errors ?? []).map((e) => {
    const path = e.instancePath ? e.instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : [];
    const p = e.params as Record<string, unknown>;
    const detail =
      e.keyword === 'enum' ? (lang === 'ru' ? `допустимо: ${(p.allowedValues as string[]).join(', ')}` : `allowed: ${(p.allowedValues as string[]).join(', ')}`)
      : e.keyword === 'additionalProperties' ? (lang === 'ru' ? `лишний параметр «${String(p.additionalProperty)}»` : `unknown parameter "${String(p.additionalProperty)}"`)
      : e.keyword === 'required' ? (lang === 'ru' ? `нет параметра «${String(p.missingProperty)}»` : `missing parameter "${String(p.missingProperty)}"`)
      : e.message ?? e.keyword;
    return { path, message: (lang === 'ru' ? `параметры проверки «${name}»: ` : `parameters of check "${name}": `) + detail };
  });
}
