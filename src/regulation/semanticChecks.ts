import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { DateTime, IANAZone } from 'luxon';
import { CHECKS } from '../checks/catalog.js';
import { EVENTS } from '../checks/events.js';
import { REGIONS } from '../regions.js';
import { parseTerm, type Term } from '../time/term.js';
import { closest } from './closest.js';
import { DUE_KINDS, ladderOf } from './compile.js';
import type { Lang, Problem } from './problem.js';
import type { RawCheck, RawDue, RawRegulation, RawRule } from './rawRegulation.js';
import { positionAt, type SourceFile } from './sourceFile.js';

/** What the semantic pass needs to know about the world outside the file. */
export interface SemanticContext {
  /** Calendar ids that exist, each with the years it has approved data for. */
  calendars: Record<string, { years: number[] }>;
  /** Regulation ids already seen in other files of the same run (to catch duplicates). */
  seenRegulationIds: Map<string, string>;
}

/** A message in both languages, with an optional hint. */
interface Msg {
  ru: string;
  en: string;
  hintRu?: string;
  hintEn?: string;
}

type Path = (string | number)[];

/** `obj[key]` only for the object's own keys: names like «constructor» must not find Object's members. */
function own<T>(obj: Record<string, T> | undefined, key: string): T | undefined {
  return obj && Object.hasOwn(obj, key) ? obj[key] : undefined;
}
type Add = (path: Path, code: string, m: Msg, severity?: 'error' | 'warning', key?: string) => void;

const suggest = (word: string, known: string[]): Pick<Msg, 'hintRu' | 'hintEn'> => {
  const guess = closest(word, known);
  return guess
    ? { hintRu: `возможно, «${guess}»`, hintEn: `did you mean "${guess}"?` }
    : { hintRu: `допустимо: ${known.join(', ')}`, hintEn: `allowed: ${known.join(', ')}` };
};

/**
 * Checks what JSON Schema cannot: unique ids, references to roles, ladders, rules and checks,
 * check parameters against the check's own schema, metric levels, real dates and ordered
 * windows, due kinds that fit the trigger, known IANA zones, regions and calendars, term syntax,
 * and calendar coverage of the years the document is in force (a warning). Never throws.
 */
export function semanticChecks(source: SourceFile, doc: RawRegulation, ctx: SemanticContext, lang: Lang): Problem[] {
  const problems: Problem[] = [];
  const add: Add = (path, code, m, severity = 'error', key) => {
    const pos = positionAt(source, path, key);
    problems.push({ file: source.path, line: pos.line, column: pos.column, code, severity, message: lang === 'ru' ? m.ru : m.en, hint: lang === 'ru' ? m.hintRu : m.hintEn });
  };

  checkDocument(doc, ctx, add, source.path);
  const roles = Object.keys(doc.roles);
  for (const [name, ladder] of Object.entries(doc.ladders ?? {})) {
    ladder.steps.forEach((s, j) => {
      if (!own(doc.roles, s.to)) add(['ladders', name, 'steps', j, 'to'], 'UNKNOWN_ROLE', { ru: `роль «${s.to}» не объявлена в разделе roles`, en: `role "${s.to}" is not declared under roles`, ...suggest(s.to, roles) });
      checkTerm(add, ['ladders', name, 'steps', j, 'after'], s.after);
    });
    if (ladder.repeat) checkTerm(add, ['ladders', name, 'repeat'], ladder.repeat);
  }
  if (doc.default_escalation && !own(doc.ladders, doc.default_escalation)) {
    add(['default_escalation'], 'UNKNOWN_LADDER', { ru: `нет лестницы «${doc.default_escalation}» в разделе ladders`, en: `no ladder "${doc.default_escalation}" under ladders`, ...suggest(doc.default_escalation, Object.keys(doc.ladders ?? {})) });
  }

  const ruleIds = new Map<string, number>();
  doc.rules.forEach((rule, i) => {
    const first = ruleIds.get(rule.id);
    if (first !== undefined) add(['rules', i, 'id'], 'DUPLICATE_ID', { ru: `правило «${rule.id}» уже объявлено (правило № ${first + 1})`, en: `rule "${rule.id}" is already declared (rule #${first + 1})` });
    else ruleIds.set(rule.id, i);
  });
  doc.rules.forEach((rule, i) => checkRule(doc, rule, ['rules', i], ruleIds, add));
  checkChains(doc, ruleIds, add);
  return problems;
}

function checkDocument(doc: RawRegulation, ctx: SemanticContext, add: Add, path: string): void {
  const other = ctx.seenRegulationIds.get(doc.id);
  if (other && other !== path) add(['id'], 'DUPLICATE_ID', { ru: `документ с id «${doc.id}» уже есть в ${other}`, en: `a document with id "${doc.id}" already exists in ${other}` });
  else ctx.seenRegulationIds.set(doc.id, path);

  const region = own(REGIONS, doc.region);
  if (!region) add(['region'], 'UNKNOWN_REGION', { ru: `неизвестный регион «${doc.region}»`, en: `unknown region "${doc.region}"`, ...suggest(doc.region, Object.keys(REGIONS)) });
  if (!IANAZone.isValidZone(doc.timezone)) {
    add(['timezone'], 'BAD_TIMEZONE', {
      ru: `«${doc.timezone}» — не часовой пояс IANA`, en: `"${doc.timezone}" is not an IANA time zone`,
      hintRu: region ? `для региона «${region.name}»: ${region.timezone}` : 'например, Asia/Yekaterinburg',
      hintEn: region ? `for ${region.id}: ${region.timezone}` : 'e.g. Asia/Yekaterinburg',
    });
  } else if (region && region.timezone !== doc.timezone) {
    add(['timezone'], 'TIMEZONE_MISMATCH', { ru: `часовой пояс ${doc.timezone} не совпадает с поясом региона (${region.timezone})`, en: `time zone ${doc.timezone} differs from the region's (${region.timezone})` }, 'warning');
  }
  if (!doc.source.date) add(['source'], 'NO_SOURCE_DATE', { ru: 'у источника не указана дата: ссылка на документ будет неполной', en: 'the source has no date: citations will be incomplete' }, 'warning');
  for (const [p, value] of [[['source', 'date'], doc.source.date], [['effective', 'from'], doc.effective.from], [['effective', 'to'], doc.effective.to]] as const) {
    if (value !== undefined) checkFullDate(add, [...p], value);
  }
  if (doc.effective.to && doc.effective.to < doc.effective.from) {
    add(['effective', 'to'], 'WINDOW_ORDER', { ru: 'дата окончания действия раньше даты начала', en: 'the end of the effective period is before its start' });
  }
  const calendar = own(ctx.calendars, doc.calendar);
  if (!calendar) {
    add(['calendar'], 'UNKNOWN_CALENDAR', { ru: `нет производственного календаря «${doc.calendar}»`, en: `no production calendar "${doc.calendar}"`, ...suggest(doc.calendar, Object.keys(ctx.calendars)) });
    return;
  }
  // Years the document needs: from its start to its end (or the newest calendar year).
  const from = Number(doc.effective.from.slice(0, 4));
  const to = doc.effective.to ? Number(doc.effective.to.slice(0, 4)) : Math.max(...calendar.years);
  const missing: number[] = [];
  for (let y = from; y <= to; y++) if (!calendar.years.includes(y)) missing.push(y);
  if (missing.length) {
    add(['calendar'], 'CALENDAR_GAP', {
      ru: `в календаре «${doc.calendar}» нет утверждённых данных за ${missing.join(', ')}: сроки в эти годы будут предварительными`,
      en: `calendar "${doc.calendar}" has no approved data for ${missing.join(', ')}: deadlines in those years will be provisional`,
    }, 'warning');
  }
}

function checkRule(doc: RawRegulation, rule: RawRule, at: Path, ruleIds: Map<string, number>, add: Add): void {
  const roles = Object.keys(doc.roles);
  const kind = Object.keys(rule.when)[0]!;
  const w = rule.when;
  const triggerEvent = w.after_event?.event ?? w.before_event?.event;
  if (w.after_rule && !ruleIds.has(w.after_rule.rule)) {
    add([...at, 'when', 'after_rule', 'rule'], 'UNKNOWN_RULE', { ru: `нет правила «${w.after_rule.rule}» в этом документе`, en: `no rule "${w.after_rule.rule}" in this document`, ...suggest(w.after_rule.rule, [...ruleIds.keys()]) });
  }
  if (w.once && rule.active?.from && Number(rule.active.from.slice(0, 4)) > w.once.year) {
    add([...at, 'active', 'from'], 'WINDOW_ORDER', { ru: 'правило начинает действовать после года, к которому относится', en: 'the rule starts after the year it belongs to' });
  }
  if (w.campaign) {
    const c = w.campaign;
    const yearly = c.year === 'annual' || c.year === undefined;
    for (const [key, value] of [['opens', c.opens], ['closes', c.closes], ['extension', c.extension?.until]] as const) {
      if (value === undefined) continue;
      const p = key === 'extension' ? [...at, 'when', 'campaign', 'extension', 'until'] : [...at, 'when', 'campaign', key];
      checkDayDate(add, p, value, yearly ? 'annual' : 'once', typeof c.year === 'number' ? c.year : undefined);
    }
    if (comparable(c.opens) > comparable(c.closes)) add([...at, 'when', 'campaign', 'closes'], 'WINDOW_ORDER', { ru: 'кампания заканчивается раньше, чем начинается', en: 'the campaign closes before it opens' });
    if (c.extension) {
      if (comparable(c.extension.until) < comparable(c.closes)) add([...at, 'when', 'campaign', 'extension', 'until'], 'WINDOW_ORDER', { ru: 'продление заканчивается раньше окончания кампании', en: 'the extension ends before the campaign closes' });
      checkCheck(c.extension.while, [...at, 'when', 'campaign', 'extension', 'while'], undefined, add);
    }
  }
  if (w.recurring?.months && w.recurring.period !== 'month') {
    add([...at, 'when', 'recurring', 'months'], 'MONTHS_NOT_MONTHLY', { ru: 'months допускается только для period: month', en: 'months is only allowed with period: month' });
  }
  if (rule.active) {
    if (rule.active.from) checkFullDate(add, [...at, 'active', 'from'], rule.active.from);
    if (rule.active.to) checkFullDate(add, [...at, 'active', 'to'], rule.active.to);
    if (rule.active.from && rule.active.to && rule.active.to < rule.active.from) add([...at, 'active', 'to'], 'WINDOW_ORDER', { ru: 'правило перестаёт действовать раньше, чем начинает', en: 'the rule ends before it starts' });
  }

  if ((rule.due === undefined) === (rule.deadlines === undefined)) {
    add(at, 'DUE_OR_DEADLINES', {
      ru: rule.due ? 'у правила одновременно due и deadlines' : 'у правила нет срока: укажите due или deadlines',
      en: rule.due ? 'the rule has both due and deadlines' : 'the rule has no deadline: give due or deadlines',
    });
  }
  const dues: { path: Path; due: RawDue }[] = [];
  if (rule.due) dues.push({ path: [...at, 'due'], due: rule.due });
  rule.deadlines?.forEach((d, j) => {
    dues.push({ path: [...at, 'deadlines', j, 'due'], due: d.due });
    if (!own(doc.roles, d.role)) add([...at, 'deadlines', j, 'role'], 'UNKNOWN_ROLE', { ru: `роль «${d.role}» не объявлена в разделе roles`, en: `role "${d.role}" is not declared under roles`, ...suggest(d.role, roles) });
  });
  if (rule.window) dues.push({ path: [...at, 'window', 'opens'], due: rule.window.opens });
  for (const { path, due } of dues) checkDue(add, path, due, kind, w.once?.year, w.annual?.year ?? 'academic', w.recurring?.period);
  // Annual windows resolve to the latest date on or before the deadline, so only one-off dates can be out of order.
  if (w.once && rule.window?.opens.date && rule.due?.date && rule.window.opens.date > rule.due.date) {
    add([...at, 'window', 'opens'], 'WINDOW_ORDER', { ru: 'окно открывается позже срока исполнения', en: 'the window opens after the deadline' });
  }
  (rule.reminders ?? []).forEach((r, j) => checkTerm(add, [...at, 'reminders', j], r));

  checkCheck(rule.check, [...at, 'check'], triggerEvent, add);

  if (typeof rule.escalation === 'string') {
    if (!own(doc.ladders, rule.escalation)) add([...at, 'escalation'], 'UNKNOWN_LADDER', { ru: `нет лестницы «${rule.escalation}» в разделе ladders`, en: `no ladder "${rule.escalation}" under ladders`, ...suggest(rule.escalation, Object.keys(doc.ladders ?? {})) });
  } else if (rule.escalation) {
    rule.escalation.steps.forEach((s, j) => {
      if (!own(doc.roles, s.to)) add([...at, 'escalation', 'steps', j, 'to'], 'UNKNOWN_ROLE', { ru: `роль «${s.to}» не объявлена в разделе roles`, en: `role "${s.to}" is not declared under roles`, ...suggest(s.to, roles) });
      checkTerm(add, [...at, 'escalation', 'steps', j, 'after'], s.after);
    });
    if (rule.escalation.repeat) checkTerm(add, [...at, 'escalation', 'repeat'], rule.escalation.repeat);
  } else if (!ladderOf(doc, rule)) {
    add([...at], 'NO_ESCALATION', { ru: 'у правила нет лестницы эскалации', en: 'the rule has no escalation ladder', hintRu: 'укажите escalation или default_escalation документа', hintEn: 'set escalation, or the document\'s default_escalation' });
  }
}

/** Due kinds that make sense for each trigger kind. */
const DUE_FITS: Record<string, readonly string[]> = {
  annual: ['date'],
  once: ['date'],
  recurring: ['term', 'day_of_next_period', 'day_of_period', 'last_working_day', 'last_day', 'period_end', 'same_day'],
  after_event: ['term', 'same_day'],
  before_event: ['term', 'same_day'],
  after_rule: ['term', 'same_day'],
  campaign: ['date', 'period_end', 'term'],
};

function checkDue(add: Add, path: Path, due: RawDue, triggerKind: string, onceYear: number | undefined, annualYear: string, period: string | undefined): void {
  const kinds = DUE_KINDS.filter((k) => due[k] !== undefined);
  if (kinds.length !== 1) {
    add(path, 'DUE_KIND', {
      ru: kinds.length ? `срок задан сразу несколькими способами: ${kinds.join(', ')}` : 'не указано, как считать срок',
      en: kinds.length ? `the deadline is given in several ways at once: ${kinds.join(', ')}` : 'the deadline has no kind',
      hintRu: `ровно один из: ${DUE_KINDS.join(', ')}`, hintEn: `exactly one of: ${DUE_KINDS.join(', ')}`,
    });
    return;
  }
  const kind = kinds[0]!;
  const fits = DUE_FITS[triggerKind] ?? [];
  if (!fits.includes(kind)) {
    add([...path, kind], 'DUE_KIND', {
      ru: `способ срока «${kind}» не подходит для правила вида «${triggerKind}»`, en: `deadline kind "${kind}" does not fit a "${triggerKind}" rule`,
      hintRu: `подходят: ${fits.join(', ')}`, hintEn: `fitting: ${fits.join(', ')}`,
    });
  }
  if (kind === 'date') checkDayDate(add, [...path, 'date'], due.date!, triggerKind === 'once' ? 'once' : triggerKind === 'campaign' ? 'any' : 'annual', onceYear);
  if (kind === 'term') {
    const term = checkTerm(add, [...path, 'term'], due.term!);
    if (term && (triggerKind === 'before_event') !== (term.direction === 'before')) {
      add([...path, 'term'], 'TERM_DIRECTION', triggerKind === 'before_event'
        ? { ru: 'для срока до события укажите «до»: например, «10 рабочих дней до»', en: 'a deadline before an event needs "before": e.g. "10 working days before"' }
        : { ru: 'срок «до события» возможен только в правиле before_event', en: 'a "before" term is only possible in a before_event rule' });
    }
  }
  if ((kind === 'day_of_next_period' || kind === 'day_of_period') && period && !['month', 'quarter', 'academic_quarter', 'semester', 'academic_year', 'year'].includes(period)) {
    add([...path, kind], 'DUE_KIND', { ru: `«${kind}» считается от месяца, а период «${period}» короче месяца`, en: `"${kind}" counts in months, but period "${period}" is shorter than a month` });
  }
  void annualYear;
}

function checkCheck(check: RawCheck, path: Path, triggerEvent: string | undefined, add: Add): void {
  const def = own(CHECKS, check.name);
  if (!def) {
    add([...path, 'name'], 'UNKNOWN_CHECK', { ru: `нет проверки «${check.name}» в каталоге`, en: `no check "${check.name}" in the catalog`, ...suggest(check.name, Object.keys(CHECKS)) });
    return;
  }
  if (triggerEvent && def.events.length && !def.events.includes(triggerEvent)) {
    add([...path, 'name'], 'CHECK_EVENT', {
      ru: `проверка «${def.name}» не проверяет событие «${triggerEvent}» (${own(EVENTS, triggerEvent) ?? ''})`, en: `check "${def.name}" cannot evaluate event "${triggerEvent}"`,
      hintRu: `подходит для: ${def.events.join(', ')}`, hintEn: `it fits: ${def.events.join(', ')}`,
    });
  }
  for (const p of checkParams(def.name, check.params ?? {})) {
    add([...path, 'params', ...p.path], 'CHECK_PARAMS', { ru: `параметры проверки «${def.name}»: ${p.ru}`, en: `parameters of check "${def.name}": ${p.en}` }, 'error', p.key);
  }
  if (check.levels) {
    if (!def.metric) {
      add([...path, 'levels'], 'LEVELS_NOT_METRIC', { ru: `проверка «${def.name}» не даёт показателя: уровни к ней не применимы`, en: `check "${def.name}" yields no metric: levels do not apply` });
    } else {
      check.levels.forEach((l, j) => {
        if (j > 0 && l.min >= check.levels![j - 1]!.min) add([...path, 'levels', j, 'min'], 'LEVELS_ORDER', { ru: 'уровни перечисляются по убыванию нижней границы', en: 'levels must be listed by decreasing lower bound' });
      });
      if (check.levels[check.levels.length - 1]!.min !== 0) add([...path, 'levels', check.levels.length - 1, 'min'], 'LEVELS_GAP', { ru: 'последний уровень должен начинаться с 0, иначе часть значений останется без уровня', en: 'the last level must start at 0, or some values get no level' });
    }
  }
}

function checkTerm(add: Add, path: Path, text: string): Term | undefined {
  try {
    return parseTerm(text);
  } catch {
    add(path, 'BAD_TERM', {
      ru: `не удаётся разобрать срок «${text}»`, en: `cannot parse the term "${text}"`,
      hintRu: 'пишите число и единицу: «3 рабочих дня», «10 дней», «1 час», «10 рабочих дней до»',
      hintEn: 'write a number and a unit: "3 working days", "10 days", "1 hour", "10 working days before"',
    });
    return undefined;
  }
}

function checkFullDate(add: Add, path: Path, value: string): void {
  if (!DateTime.fromISO(value).isValid) add(path, 'BAD_DATE', { ru: `несуществующая дата ${value}`, en: `${value} is not a real date` });
}

/** Month-day or full date: real (2024 is a leap year, so 02-29 passes), and of the form the trigger needs. */
function checkDayDate(add: Add, path: Path, value: string, want: 'annual' | 'once' | 'any', year?: number): void {
  const full = /^\d{4}-/.test(value);
  const probe = full ? value : `2024-${value}`;
  if (!DateTime.fromISO(probe).isValid) {
    add(path, 'BAD_DATE', { ru: `несуществующая дата ${value}`, en: `${value} is not a real date` });
    return;
  }
  if (want === 'annual' && full) add(path, 'DATE_FORM', { ru: 'в ежегодном правиле дата пишется без года (ММ-ДД)', en: 'an annual rule takes dates without a year (MM-DD)', hintRu: `например, «${value.slice(5)}»`, hintEn: `e.g. "${value.slice(5)}"` });
  if (want === 'once' && !full) add(path, 'DATE_FORM', { ru: 'в разовом правиле дата пишется полностью (ГГГГ-ММ-ДД)', en: 'a one-off rule takes full dates (YYYY-MM-DD)', hintRu: year ? `например, «${year}-${value}»` : undefined, hintEn: year ? `e.g. "${year}-${value}"` : undefined });
  if (want === 'once' && full && year !== undefined && Math.abs(Number(value.slice(0, 4)) - year) > 1) {
    add(path, 'DATE_FORM', { ru: `дата ${value} далеко от года правила (${year})`, en: `${value} is far from the rule's year (${year})` });
  }
}

/** Sortable form of a month-day or date; academic-year month-days (Sep–Dec first) when asked. */
function comparable(value: string, year?: string): string {
  if (/^\d{4}-/.test(value)) return value;
  if (year === 'academic') return (Number(value.slice(0, 2)) >= 9 ? '0' : '1') + value;
  return value;
}

function checkChains(doc: RawRegulation, ruleIds: Map<string, number>, add: Add): void {
  for (const [id, i] of ruleIds) {
    const seen = new Set<string>([id]);
    let current = doc.rules[i]!;
    while (current.when.after_rule) {
      const next = current.when.after_rule.rule;
      if (seen.has(next)) {
        add(['rules', i, 'when', 'after_rule', 'rule'], 'CHAIN_CYCLE', { ru: `цепочка правил замыкается: ${[...seen, next].join(' → ')}`, en: `the rule chain loops: ${[...seen, next].join(' → ')}` });
        break;
      }
      seen.add(next);
      const j = ruleIds.get(next);
      if (j === undefined) break;
      current = doc.rules[j]!;
    }
  }
}

const paramValidators = new Map<string, ValidateFunction>();

function checkParams(name: string, params: Record<string, unknown>): { path: Path; key?: string; ru: string; en: string }[] {
  let v = paramValidators.get(name);
  if (!v) {
    v = new Ajv2020({ allErrors: true, strict: true }).compile(CHECKS[name]!.params);
    paramValidators.set(name, v);
  }
  if (v(params)) return [];
  return (v.errors ?? []).map((e) => {
    const path: Path = e.instancePath ? e.instancePath.slice(1).split('/').map((s) => (/^\d+$/.test(s) ? Number(s) : s)) : [];
    const p = e.params as Record<string, unknown>;
    if (e.keyword === 'enum') {
      const allowed = (p.allowedValues as unknown[]).map(String).join(', ');
      return { path, ru: `допустимо: ${allowed}`, en: `allowed: ${allowed}` };
    }
    if (e.keyword === 'additionalProperties') return { path, key: String(p.additionalProperty), ru: `лишний параметр «${String(p.additionalProperty)}»`, en: `unknown parameter "${String(p.additionalProperty)}"` };
    if (e.keyword === 'required') return { path, ru: `нет параметра «${String(p.missingProperty)}»`, en: `missing parameter "${String(p.missingProperty)}"` };
    return { path, ru: e.message ?? e.keyword, en: e.message ?? e.keyword };
  });
}
