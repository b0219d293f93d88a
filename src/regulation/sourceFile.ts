import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Lang, Problem } from './problem.js';

/** A parsed YAML file that can still tell where each value came from. */
export interface SourceFile {
  path: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
  /** The plain JS value of the document (undefined when YAML syntax errors prevent it). */
  data: unknown;
}

/** A 1-based line/column pair. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Parses `text` (the contents of `path`) with `yaml`, keeping source positions. YAML syntax errors
 * and warnings become problems with code `YAML_SYNTAX`; duplicate keys are errors too (the YAML
 * spec forbids them and an operator would silently lose one of the values).
 */
export function parseSource(path: string, text: string, lang: Lang): { source: SourceFile; problems: Problem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const problems: Problem[] = [];
  for (const e of [...doc.errors, ...doc.warnings]) {
    const pos = lines.linePos(e.pos[0]);
    problems.push({
      file: path,
      line: pos.line,
      column: pos.col,
      code: 'YAML_SYNTAX',
      message: yamlMessage(e.code, e.message, lang),
      hint: yamlHint(e.code, text, e.pos[0], lang),
      severity: doc.errors.includes(e as never) ? 'error' : 'warning',
    });
  }
  const data = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined;
  return { source: { path, text, doc, lines, data }, problems };
}

/** Reads and parses a regulation file from disk; see `parseSource`. Throws only on I/O errors. */
export function readSource(path: string, lang: Lang): { source: SourceFile; problems: Problem[] } {
  return parseSource(path, readFileSync(path, 'utf8'), lang);
}

function yamlMessage(code: string, message: string, lang: Lang): string {
  if (lang === 'en') return message.split('\n')[0]!;
  const ru: Record<string, string> = {
    DUPLICATE_KEY: 'ключ повторяется в одном и том же отображении',
    TAB_AS_INDENT: 'отступ табуляцией недопустим в YAML',
    BAD_INDENT: 'неверный отступ',
    MISSING_CHAR: 'пропущен обязательный символ',
    UNEXPECTED_TOKEN: 'неожиданный символ',
    BLOCK_AS_IMPLICIT_KEY: 'блочное значение не может быть ключом',
    MULTILINE_IMPLICIT_KEY: 'ключ не может занимать несколько строк',
    BAD_SCALAR_START: 'значение не может начинаться с этого символа',
    MULTIPLE_DOCS: 'в файле должен быть один документ',
  };
  return `синтаксическая ошибка YAML: ${ru[code] ?? message.split('\n')[0]}`;
}

function yamlHint(code: string, text: string, offset: number, lang: Lang): string | undefined {
  if (code === 'TAB_AS_INDENT' || text.slice(Math.max(0, offset - 40), offset + 1).includes('\t')) {
    return lang === 'ru' ? 'замените табуляцию пробелами' : 'replace tabs with spaces';
  }
  if (code === 'BAD_SCALAR_START') {
    return lang === 'ru' ? 'значения, начинающиеся с «@», «`» или «%», заключайте в кавычки' : 'quote values starting with "@", "`" or "%"';
  }
  return undefined;
}

/**
 * The node at a JSON-pointer-like path (`['rules', 0, 'id']`), or the deepest existing ancestor.
 * When `key` is set, the position of that key inside the map at `path` is returned instead (used
 * for "unknown key" problems, which are best shown at the key, not its value).
 */
export function positionAt(source: SourceFile, path: (string | number)[], key?: string): Position {
  let node: unknown = source.doc.contents;
  let best: Node | Pair | undefined = node as Node;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      best = (pair.value as Node) ?? pair;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      if (!node) break;
      best = node as Node;
    } else break;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) return toPos(source, pair.key.range[0]);
  }
  const range = isPair(best) ? (best.key as Node | undefined)?.range : (best as Node | undefined)?.range;
  return toPos(source, range?.[0] ?? 0);
}

function toPos(source: SourceFile, offset: number): Position {
  const p = source.lines.linePos(offset);
  return { line: p.line, column: p.col };
}

/** Splits an Ajv instance path (`/rules/0/id`) into segments, numbers for array indices. */
export function splitPointer(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
