import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import localizeRuModule from 'ajv-i18n/localize/ru/index.js';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { buildCalendar, CalendarDataError } from './buildCalendar.js';
import type { CalendarData } from './calendarData.js';
import type { CalendarDocument, FederalCalendarDocument, RegionalCalendarDocument } from './calendarDocument.js';

/** One problem found in a calendar file, positioned for an editor. */
export interface CalendarFileProblem {
  file: string;
  line: number;
  col: number;
  /** Stable code: `calendar.missing`, `calendar.yaml`, `calendar.schema`, `calendar.data`. */
  code: 'calendar.missing' | 'calendar.yaml' | 'calendar.schema' | 'calendar.data';
  message: string;
}

/** Thrown when a calendar file is missing, is not valid YAML, breaks the schema or contradicts itself. */
export class CalendarFileError extends Error {
  constructor(readonly problems: CalendarFileProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.message}`).join('\n'));
    this.name = 'CalendarFileError';
  }
}

/** Options of `loadCalendar`. */
export interface LoadCalendarOptions {
  /** Federal calendar id, the file name without `.yaml` (default `ru-federal`). */
  id?: string;
  /** `five_day` (default) or `six_day`. */
  week?: 'five_day' | 'six_day';
  /** Region id whose additions `regional/<region>.yaml` are merged in, e.g. `ru-ta`. */
  region?: string;
  /** Calendars folder (default: `calendars/` at the package root). */
  dir?: string;
}

/**
 * Reads, validates and builds a production calendar from `calendars/`. Every problem is reported
 * with `file:line:col`; throws `CalendarFileError` listing them (missing file, YAML syntax, schema,
 * contradictory data, a regional file that extends another calendar).
 */
export function loadCalendar(options: LoadCalendarOptions = {}): CalendarData {
  const dir = options.dir ?? join(packageRoot(), 'calendars');
  const id = options.id ?? 'ru-federal';
  const federal = readCalendarDocument(join(dir, `${id}.yaml`));
  if (federal.data.kind !== 'federal') throw federal.problem([], `ожидался федеральный календарь (kind: federal), а найден kind: ${federal.data.kind}`);
  let regional: LoadedDocument<RegionalCalendarDocument> | undefined;
  if (options.region) {
    const loaded = readCalendarDocument(join(dir, 'regional', `${options.region}.yaml`));
    if (loaded.data.kind !== 'regional') throw loaded.problem(['kind'], 'ожидались региональные дополнения (kind: regional)');
    if (loaded.data.extends !== id) throw loaded.problem(['extends'], `региональный файл дополняет календарь «${loaded.data.extends}», а загружается «${id}»`);
    regional = loaded as LoadedDocument<RegionalCalendarDocument>;
  }
  try {
    return buildCalendar(federal.data as FederalCalendarDocument, {
      week: options.week ?? 'five_day',
      ...(regional ? { regional: regional.data } : {}),
    });
  } catch (error) {
    if (!(error instanceof CalendarDataError)) throw error;
    const source = regional && error.source === 'regional' ? regional : federal;
    throw source.problem(error.path, error.message);
  }
}

/**
 * Reads one calendar file and validates it against `schemas/calendar.schema.json`, without building
 * it. Throws `CalendarFileError` with every syntax or schema problem.
 */
export function readCalendarDocument(file: string): LoadedDocument<CalendarDocument> {
  const shown = displayPath(file);
  if (!existsSync(file)) throw new CalendarFileError([{ file: shown, line: 1, col: 1, code: 'calendar.missing', message: 'файл календаря не найден' }]);
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const locate = (offset: number) => lineCounter.linePos(offset);
  if (doc.errors.length > 0) {
    throw new CalendarFileError(
      doc.errors.map((e) => {
        const pos = locate(e.pos[0]);
        return { file: shown, line: pos.line, col: pos.col, code: 'calendar.yaml' as const, message: `ошибка YAML: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const data = doc.toJS() as unknown;
  const validate = schemaValidator();
  const problem = (path: (string | number)[], message: string): CalendarFileError => {
    const pos = locate(nodeAt(doc, path)?.range?.[0] ?? 0);
    return new CalendarFileError([{ file: shown, line: pos.line, col: pos.col, code: 'calendar.data', message }]);
  };
  if (!validate(data)) {
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
    localizeRu(errors);
    const problems = errors.map((e) => {
      const path: string[] = pointerToPath(e.instancePath);
      // Point at the unknown key itself rather than at the object that holds it.
      if (e.keyword === 'additionalProperties') path.push(String((e.params as { additionalProperty: string }).additionalProperty));
      const pos = locate(nodeAt(doc, path)?.range?.[0] ?? 0);
      return { file: shown, line: pos.line, col: pos.col, code: 'calendar.schema' as const, message: describe(e) };
    });
    throw new CalendarFileError(dedupeAndSort(problems));
  }
  return { file: shown, data: data as CalendarDocument, problem };
}

/** A validated document together with a way to report a problem at a path inside it. */
export interface LoadedDocument<T> {
  file: string;
  data: T;
  problem(path: (string | number)[], message: string): CalendarFileError;
}

// Both packages are CommonJS with a default export; under NodeNext the default import is the module.
const localizeRu = unwrapDefault<(errors: ErrorObject[]) => void>(localizeRuModule);
const addFormats = unwrapDefault<(ajv: Ajv2020) => Ajv2020>(addFormatsModule);

function unwrapDefault<T>(mod: unknown): T {
  return (typeof mod === 'function' ? mod : (mod as { default: unknown }).default) as T;
}

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', 'calendar.schema.json'), 'utf8')) as object;
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, messages: true });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

let root: string | undefined;

/** The folder holding package.json, found by walking up from this module (works from src/ and dist/). */
function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'calendars'))) return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Не найден корень пакета (package.json и calendars/) выше ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function nodeAt(doc: Document, path: (string | number)[]): Node | undefined {
  let node: unknown = doc.contents;
  let last: Node | undefined = doc.contents ?? undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String(isScalar(item.key) ? item.key.value : item.key) === String(segment));
      if (!pair) return last;
      // Point at the key when the value is missing or a collection, so the column is the field's.
      node = pair.value;
      last = (isScalar(pair.value) ? pair.value : (pair.key as Node)) ?? last;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      if (!node) return last;
      last = node as Node;
    } else {
      return last;
    }
  }
  return last;
}

function pointerToPath(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'файл' : e.instancePath.slice(1).replace(/\//g, '.');
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${where}: неизвестное поле «${String(params['additionalProperty'])}»`;
  if (e.keyword === 'required') return `${where}: нет обязательного поля «${String(params['missingProperty'])}»`;
  if (e.keyword === 'false schema') return `${where}: поле не допускается в файле этого вида (kind)`;
  if (e.keyword === 'enum') return `${where}: ${e.message ?? 'недопустимое значение'} (${(params['allowedValues'] as unknown[]).join(', ')})`;
  return `${where}: ${e.message ?? e.keyword}`;
}

function dedupeAndSort(problems: CalendarFileProblem[]): CalendarFileProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}:${p.col}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.col - b.col);
}
