import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import localizeModule from 'ajv-i18n';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths.js';
import { closest } from './closest.js';
import type { Lang, Problem } from './problem.js';
import { positionAt, splitPointer, type SourceFile } from './sourceFile.js';

// Both packages are CommonJS with a default export; under NodeNext it sits on `.default`.
type AddFormats = (ajv: Ajv2020) => unknown;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;
const localize = ((localizeModule as unknown as { default: typeof localizeModule }).default ?? localizeModule) as unknown as Record<string, (errors: ErrorObject[]) => void>;

interface Compiled {
  ajv: Ajv2020;
  rootId: string;
  validate: ValidateFunction;
  branches: Map<string, ValidateFunction>;
}

const cache = new Map<string, Compiled>();

function compiled(name: string): Compiled {
  let c = cache.get(name);
  if (!c) {
    // `verbose` gives each error its schema and parent schema: the allowed keys for "did you mean"
    // and the branches of an `anyOf`.
    const ajv = new Ajv2020({ allErrors: true, strict: true, messages: true, verbose: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(join(projectRoot(), 'schemas', name), 'utf8')) as { $id?: string };
    const rootId = schema.$id ?? `reglament:${name}`;
    ajv.addSchema({ ...schema, $id: rootId });
    c = { ajv, rootId, validate: ajv.getSchema(rootId)!, branches: new Map() };
    cache.set(name, c);
  }
  return c;
}

/**
 * A compiled Ajv (JSON Schema 2020-12, `strict`, `allErrors`, formats) validator for the schema
 * file `schemas/<name>`. Compiled once per process. Throws if the schema itself is invalid.
 */
export function schemaValidator(name: string): ValidateFunction {
  return compiled(name).validate;
}

const CODES: Record<string, string> = {
  additionalProperties: 'UNKNOWN_KEY',
  required: 'MISSING_KEY',
  type: 'TYPE',
  enum: 'ENUM',
  const: 'ENUM',
  pattern: 'PATTERN',
  format: 'FORMAT',
  minItems: 'TOO_FEW',
  maxItems: 'TOO_MANY',
  minProperties: 'TOO_FEW',
  maxProperties: 'TOO_MANY',
  minLength: 'EMPTY',
  minimum: 'RANGE',
  maximum: 'RANGE',
  uniqueItems: 'DUPLICATE',
  propertyNames: 'PATTERN',
};

const TYPE_RU: Record<string, string> = {
  string: 'строкой',
  integer: 'целым числом',
  number: 'числом',
  boolean: 'true или false',
  object: 'отображением (ключ: значение)',
  array: 'списком',
  null: 'пустым',
};

// The identifier patterns of the schema, explained: a regular expression says little to an operator.
const PATTERN_HINTS: Record<string, { ru: string; en: string }> = {
  '^[a-z0-9][a-z0-9-]*$': { ru: 'только строчные латинские буквы, цифры и дефис, например yanao-2018-216', en: 'lower-case Latin letters, digits and hyphens only, e.g. yanao-2018-216' },
  '^[a-z][a-z0-9_]*$': { ru: 'только строчные латинские буквы, цифры и «_», первая — буква, например municipal_operator', en: 'lower-case Latin letters, digits and "_", starting with a letter, e.g. municipal_operator' },
  '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$': { ru: 'ежегодная дата пишется как ММ-ДД, например 09-01', en: 'write an annual date as MM-DD, e.g. 09-01' },
};

/** An Ajv error, possibly chosen among the failed branches of an `anyOf`. */
type Located = ErrorObject & { fromAnyOf?: boolean };

/**
 * Validates `source.data` against `schemas/<schemaName>` and turns every Ajv error into a located
 * problem: unknown keys point at the key, missing keys at the map that lacks them, everything else
 * at the offending value. Messages come from ajv-i18n in Russian, or Ajv's own in English, prefixed
 * with the path of the value so that a reader sees which key is meant. When a value fits none of
 * the alternatives of an `anyOf`, only the alternative it comes closest to is reported.
 */
export function validateAgainstSchema(source: SourceFile, schemaName: string, lang: Lang): Problem[] {
  const c = compiled(schemaName);
  if (c.validate(source.data)) return [];
  const errors = refineAnyOf(c, c.validate.errors ?? [], source.data).filter(
    // Ajv reports a bad property name twice: once from inside `propertyNames`, once for the keyword.
    (e) => e.keyword !== 'if' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf' && e.propertyName === undefined,
  );
  if (lang === 'ru') localize.ru!(errors);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = splitPointer(e.instancePath);
    const params = e.params as Record<string, unknown>;
    let pos;
    let hint: string | undefined;
    let message = e.message ?? e.keyword;
    const where = path.length ? path.join('.') : lang === 'ru' ? 'документ' : 'document';
    if (e.keyword === 'additionalProperties') {
      const key = String(params.additionalProperty);
      pos = positionAt(source, path, key);
      message = lang === 'ru' ? `неизвестный ключ «${key}»` : `unknown key "${key}"`;
      const allowed = allowedKeys(e);
      const guess = closest(key, allowed);
      if (guess) hint = lang === 'ru' ? `возможно, имелся в виду «${guess}»` : `did you mean "${guess}"?`;
      else if (allowed.length) hint = (lang === 'ru' ? 'допустимые ключи: ' : 'allowed keys: ') + allowed.join(', ');
    } else if (e.keyword === 'required') {
      pos = positionAt(source, path);
      const key = String(params.missingProperty);
      message = lang === 'ru' ? `нет обязательного ключа «${key}»` : `missing required key "${key}"`;
      if (path.length) message = `${where}: ${message}`;
    } else if (e.keyword === 'propertyNames') {
      const key = String(params.propertyName);
      pos = positionAt(source, path, key);
      message = lang === 'ru' ? `${where}: недопустимое имя «${key}»` : `${where}: invalid name "${key}"`;
      const pattern = (e.schema as { pattern?: string } | undefined)?.pattern;
      const explained = pattern ? PATTERN_HINTS[pattern] : undefined;
      if (explained) hint = lang === 'ru' ? explained.ru : explained.en;
    } else {
      // A repeated item is shown at its second occurrence, the one to delete.
      pos = e.keyword === 'uniqueItems' ? positionAt(source, [...path, Math.max(Number(params.i), Number(params.j))]) : positionAt(source, path);
      const actual = valueAt(source.data, path);
      if (e.keyword === 'enum' || e.keyword === 'const') {
        const allowed = (e.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map(String);
        const guess = closest(String(actual), allowed);
        hint = guess
          ? lang === 'ru' ? `возможно, имелось в виду «${guess}»` : `did you mean "${guess}"?`
          : (lang === 'ru' ? 'допустимые значения: ' : 'allowed values: ') + allowed.join(', ');
        if (e.keyword === 'const') message = lang === 'ru' ? `должно быть ${JSON.stringify(params.allowedValue)}` : `must be ${JSON.stringify(params.allowedValue)}`;
      }
      if (e.keyword === 'type' && lang === 'ru') {
        const types = String(params.type).split(',');
        message = `должно быть ${types.map((t) => TYPE_RU[t] ?? t).join(' или ')}`;
      }
      if (e.keyword === 'pattern') {
        const explained = PATTERN_HINTS[String(params.pattern)];
        if (explained) hint = lang === 'ru' ? explained.ru : explained.en;
      }
      if (e.keyword === 'format' && params.format === 'date') {
        hint = (e as Located).fromAnyOf
          ? lang === 'ru' ? 'дата пишется как ГГГГ-ММ-ДД (например, 2024-09-01), ежегодная — как ММ-ДД (09-01)' : 'write dates as YYYY-MM-DD (e.g. 2024-09-01), annual dates as MM-DD (09-01)'
          : lang === 'ru' ? 'дата пишется как ГГГГ-ММ-ДД, например 2024-09-01' : 'write dates as YYYY-MM-DD, e.g. 2024-09-01';
        if (typeof actual === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(actual)) message = lang === 'ru' ? `несуществующая дата ${actual}` : `${actual} is not a real date`;
      }
      message = `${where}: ${message}`;
    }
    const code = CODES[e.keyword] ?? 'SCHEMA';
    const dedupe = `${pos.line}:${pos.column}:${code}:${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    problems.push({ file: source.path, line: pos.line, column: pos.column, code, message, hint, severity: 'error' });
  }
  return problems;
}

/**
 * Ajv reports every branch of a failed `anyOf` (a ladder given as an object also "must be
 * string"). Each branch is validated again on its own and only the errors of the branch the value
 * comes closest to are kept: one whose type fits over one whose type does not, a wrong value deep
 * inside over a wrong value at the top. Nested `anyOf`s are refined the same way.
 */
function refineAnyOf(c: Compiled, errors: ErrorObject[], data: unknown): Located[] {
  let out: Located[] = errors;
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf').sort((a, b) => a.instancePath.length - b.instancePath.length);
  const done: string[] = [];
  for (const a of anyOfs) {
    const under = (p: string) => p === a.instancePath || p.startsWith(a.instancePath + '/');
    if (done.some((d) => a.instancePath === d || a.instancePath.startsWith(d + '/'))) continue;
    done.push(a.instancePath);
    const value = valueAt(data, splitPointer(a.instancePath));
    const branches = (a.schema as object[]).map((branch) => {
      const v = branchValidator(c, branch);
      v(value);
      return refineAnyOf(c, v.errors ?? [], value).map((e) => ({ ...e, instancePath: a.instancePath + e.instancePath, fromAnyOf: true }));
    });
    let best = branches[0] ?? [];
    for (const b of branches.slice(1)) {
      const d = fit(b, a.instancePath) - fit(best, a.instancePath);
      if (d < 0 || (d === 0 && b.length < best.length)) best = b;
    }
    out = [...out.filter((e) => !under(e.instancePath)), ...best];
  }
  return out;
}

/** How badly a branch's errors say the value misses it: lower is a closer fit. */
function fit(errors: ErrorObject[], at: string): number {
  let worst = 0;
  for (const e of errors) {
    const top = e.instancePath === at;
    const score = !top ? 1 : e.keyword === 'type' ? 4 : e.keyword === 'const' || e.keyword === 'enum' ? 3 : e.keyword === 'pattern' ? 2.5 : 2;
    worst = Math.max(worst, score);
  }
  return worst;
}

function branchValidator(c: Compiled, branch: object): ValidateFunction {
  const key = JSON.stringify(branch);
  let v = c.branches.get(key);
  if (!v) {
    v = c.ajv.compile(absoluteRefs(branch, c.rootId) as object);
    c.branches.set(key, v);
  }
  return v;
}

// A branch compiled on its own resolves `#/$defs/...` against itself; point it at the root schema.
function absoluteRefs(node: unknown, rootId: string): unknown {
  if (Array.isArray(node)) return node.map((n) => absoluteRefs(n, rootId));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? rootId + v : absoluteRefs(v, rootId)]),
  );
}

function allowedKeys(e: ErrorObject): string[] {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}
