import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Alias, type Document, type Node, type Pair } from 'yaml';
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

/** Most YAML syntax problems reported per file. */
const MAX_SYNTAX_PROBLEMS = 10;

/**
 * Parses `text` (the contents of `path`) with `yaml`, keeping source positions. YAML syntax errors
 * and warnings become problems with code `YAML_SYNTAX`; duplicate keys are errors too (the YAML
 * spec forbids them and an operator would silently lose one of the values).
 */
export function parseSource(path: string, text: string, lang: Lang): { source: SourceFile; problems: Problem[] } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  // Line starts come from the text itself: after a syntax error the parser's own line counter
  // misses the line breaks inside the tokens it could not place, and positions drift.
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  const problems: Problem[] = [];
  const linesWithError = new Set<number>();
  for (const e of [...doc.errors, ...doc.warnings]) {
    // Past the first few, syntax errors are echoes of the first ones; the operator fixes those and reruns.
    if (problems.length >= MAX_SYNTAX_PROBLEMS) break;
    const offset = syntaxOffset(e.code, e.message, text, e.pos[0]);
    const pos = lines.linePos(offset);
    // After one syntax error the parser's view of the rest of the line is unreliable (a tab in the
    // indentation also yields "nested mapping" and "multi-line key" errors); the first one is the cause.
    if (linesWithError.has(pos.line)) continue;
    linesWithError.add(pos.line);
    problems.push({
      file: path,
      line: pos.line,
      column: pos.col,
      code: 'YAML_SYNTAX',
      message: yamlMessage(e.code, e.message, text, offset, lang),
      hint: yamlHint(e.code, e.message, text, e.pos[0], lang),
      severity: doc.errors.includes(e as never) ? 'error' : 'warning',
    });
  }
  let data: unknown;
  if (doc.errors.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // `yaml` reports an alias to an anchor defined later, and alias bombs, only when converting.
      const bad = aliasProblem(doc, err);
      const pos = lines.linePos(bad.offset);
      problems.push({ file: path, line: pos.line, column: pos.col, code: 'YAML_SYNTAX', message: lang === 'ru' ? bad.ru : bad.en, severity: 'error' });
    }
  }
  return { source: { path, text, doc, lines, data }, problems };
}

/** Locates the alias that made `toJS` fail: the first unresolved one, or else the first one. */
function aliasProblem(doc: Document.Parsed, err: unknown): { offset: number; ru: string; en: string } {
  let unresolved: Alias | undefined;
  let first: Alias | undefined;
  visit(doc, {
    Alias(_, node) {
      first ??= node;
      if (!unresolved && node.resolve(doc) === undefined) unresolved = node;
    },
  });
  if (unresolved) {
    return {
      offset: unresolved.range?.[0] ?? 0,
      ru: `синтаксическая ошибка YAML: ссылка *${unresolved.source} указывает на якорь, который не объявлен выше`,
      en: `unresolved alias *${unresolved.source}: the anchor must be set before the alias`,
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  return {
    offset: first?.range?.[0] ?? 0,
    ru: 'синтаксическая ошибка YAML: слишком много подстановок по ссылкам (*)',
    en: message,
  };
}

/**
 * Where an editor should put the cursor for a YAML error. The parser reports an unclosed quote or
 * bracket where it gave up (often lines later) and a bad indentation at the start of the line;
 * the operator has to fix the opening character or the first character of the misplaced key.
 */
function syntaxOffset(code: string, message: string, text: string, offset: number): number {
  const quote = /Missing closing (["'])quote/.exec(message)?.[1];
  if (quote) return openingQuote(text, offset, quote) ?? offset;
  const bracket = /end with a ([\]}])/.exec(message)?.[1];
  if (bracket) return openingBracket(text, offset, bracket === ']' ? '[' : '{', bracket) ?? offset;
  if (code === 'BAD_INDENT') {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (/^[ ]*$/.test(text.slice(lineStart, offset))) {
      const first = text.slice(offset).search(/[^ ]/);
      if (first >= 0 && text[offset + first] !== '\n') return offset + first;
    }
  }
  return offset;
}

/** The opening quote of the unclosed quoted scalar that ends before `offset`. */
function openingQuote(text: string, offset: number, quote: string): number | undefined {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"' && text[i - 1] === '\\') continue;
    // Inside single quotes a doubled quote is an escaped one.
    if (quote === "'" && text[i - 1] === "'") {
      i--;
      continue;
    }
    return i;
  }
  return undefined;
}

/** The unmatched opening bracket before `offset`. */
function openingBracket(text: string, offset: number, open: string, close: string): number | undefined {
  let depth = 0;
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    if (text[i] === close) depth++;
    else if (text[i] === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/** Reads and parses a regulation file from disk; see `parseSource`. Throws only on I/O errors. */
export function readSource(path: string, lang: Lang): { source: SourceFile; problems: Problem[] } {
  return parseSource(path, readFileSync(path, 'utf8'), lang);
}

function yamlMessage(code: string, message: string, text: string, offset: number, lang: Lang): string {
  const quote = /Missing closing (["'])quote/.exec(message)?.[1];
  const bracket = /end with a ([\]}])/.exec(message)?.[1];
  const key = code === 'DUPLICATE_KEY' ? /^("[^"\n]*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(text.slice(offset))?.[1] : undefined;
  if (lang === 'en') {
    if (quote) return `unclosed quote ${quote}`;
    if (bracket) return `unclosed bracket ${bracket === ']' ? '[' : '{'}`;
    if (key) return `duplicate key "${key}" in the same mapping`;
    return message.split('\n')[0]!;
  }
  const ru: Record<string, string> = {
    DUPLICATE_KEY: key ? `ключ «${key}» повторяется в одном и том же отображении` : 'ключ повторяется в одном и том же отображении',
    TAB_AS_INDENT: 'отступ табуляцией недопустим в YAML',
    BAD_INDENT: 'неверный отступ',
    MISSING_CHAR: 'пропущен обязательный символ',
    UNEXPECTED_TOKEN: 'неожиданный символ',
    BLOCK_AS_IMPLICIT_KEY: 'блочное значение не может быть ключом',
    MULTILINE_IMPLICIT_KEY: 'ключ не может занимать несколько строк',
    BAD_SCALAR_START: 'значение не может начинаться с этого символа',
    MULTIPLE_DOCS: 'в файле должен быть один документ',
  };
  if (quote) return `синтаксическая ошибка YAML: не закрыта кавычка ${quote}`;
  if (bracket) return `синтаксическая ошибка YAML: не закрыта скобка ${bracket === ']' ? '[' : '{'}`;
  return `синтаксическая ошибка YAML: ${ru[code] ?? message.split('\n')[0]}`;
}

function yamlHint(code: string, message: string, text: string, offset: number, lang: Lang): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (code === 'TAB_AS_INDENT' || /^[ \t]*\t/.test(text.slice(lineStart, Math.max(offset, lineStart + 1)))) {
    return lang === 'ru' ? 'замените табуляцию пробелами' : 'replace tabs with spaces';
  }
  if (code === 'BAD_SCALAR_START') {
    return lang === 'ru' ? 'значения, начинающиеся с «@», «`» или «%», заключайте в кавычки' : 'quote values starting with "@", "`" or "%"';
  }
  if (/Missing closing (["'])quote/.test(message)) {
    return lang === 'ru' ? 'закройте кавычку в конце значения' : 'close the quote at the end of the value';
  }
  if (/end with a ([\]}])/.test(message)) {
    return lang === 'ru' ? 'закройте скобку на той же строке или перенесите элементы с отступом' : 'close the bracket, or indent the continuation lines';
  }
  if (code === 'DUPLICATE_KEY') {
    return lang === 'ru' ? 'оставьте один из ключей: YAML не допускает повторов, и одно значение было бы потеряно' : 'keep one of the keys: one of the values would be lost';
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
