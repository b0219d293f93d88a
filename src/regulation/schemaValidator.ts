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

const cache = new Map<string, ValidateFunction>();

/**
 * A compiled Ajv (JSON Schema 2020-12, `strict`, `allErrors`, formats) validator for the schema
 * file `schemas/<name>`. Compiled once per process. Throws if the schema itself is invalid.
 */
export function schemaValidator(name: string): ValidateFunction {
  let v = cache.get(name);
  if (!v) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, messages: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(join(projectRoot(), 'schemas', name), 'utf8')) as object;
    v = ajv.compile(schema);
    cache.set(name, v);
  }
  return v;
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

/**
 * Validates `source.data` against `schemas/<schemaName>` and turns every Ajv error into a located
 * problem: unknown keys point at the key, missing keys at the map that lacks them, everything else
 * at the offending value. Messages come from ajv-i18n in Russian, or Ajv's own in English, prefixed
 * with the path of the value so that a reader sees which key is meant.
 */
export function validateAgainstSchema(source: SourceFile, schemaName: string, lang: Lang): Problem[] {
  const validate = schemaValidator(schemaName);
  if (validate(source.data)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  if (lang === 'ru') localize.ru!(errors);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const path = splitPointer(e.instancePath);
    const params = e.params as Record<string, unknown>;
    let pos;
    let hint: string | undefined;
    let message = e.message ?? e.keyword;
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
    } else {
      pos = positionAt(source, path);
      if (e.keyword === 'enum') {
        const allowed = (params.allowedValues as unknown[]).map(String);
        const actual = String(valueAt(source.data, path));
        const guess = closest(actual, allowed);
        hint = guess
          ? lang === 'ru' ? `возможно, имелось в виду «${guess}»` : `did you mean "${guess}"?`
          : (lang === 'ru' ? 'допустимые значения: ' : 'allowed values: ') + allowed.join(', ');
      }
      if (e.keyword === 'format' && params.format === 'date') {
        hint = lang === 'ru' ? 'дата пишется как ГГГГ-ММ-ДД, например 2024-09-01' : 'write dates as YYYY-MM-DD, e.g. 2024-09-01';
      }
      const where = path.length ? path.join('.') : lang === 'ru' ? 'документ' : 'document';
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

function allowedKeys(e: ErrorObject): string[] {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v: unknown = data;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}
