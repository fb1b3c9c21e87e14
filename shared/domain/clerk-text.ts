/**
 * Text as clerks type and paste it, made safe and comparable: one place for the rules every side applies (the
 * desk's forms, the main process's checks, the service).
 */

// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the Arabic letter mark: they
// reorder what follows them, so a note could display (and reach the filer) as something other than what was typed.
const bidiControls = /[\u061c\u202a-\u202e\u2066-\u2069]/g;
// Characters that take no space: zero-width space, joiners, marks, word joiner, invisible operators, BOM.
const invisible = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Note text with bidirectional controls removed (the letters stay; only their forced reordering goes). */
export function neutraliseBidi(text: string): string {
  return text.replace(bidiControls, '');
}

/**
 * A case number as the court writes it: compatibility forms folded (full-width digits, ligatures), invisible and
 * bidirectional characters removed (a pasted zero-width space no longer makes a valid number fail), spaces at the
 * ends trimmed, letters upper-cased.
 */
export function normaliseCaseNumber(text: string): string {
  return text.normalize('NFKC').replace(invisible, '').trim().toUpperCase();
}

/**
 * An example that matches a court's case-number pattern, to show clerks the format ("2026-CV-000123") instead of
 * the pattern itself. Reads the patterns courts write: anchors, literals, escapes, `\d`, `[A-Z]`-style classes,
 * `{n}` / `{n,m}` / `?` / `+`, and groups with alternatives (the first is used). Null when the pattern holds
 * anything else, or the example would not match it.
 */
export function caseNumberExample(pattern: string, year = new Date().getFullYear()): string | null {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch {
    return null;
  }
  const state = { pattern, at: 0, digitsSeen: 0, year };
  let example: string | null;
  try {
    example = sequence(state, false);
  } catch {
    return null;
  }
  return example !== null && state.at === pattern.length && regex.test(example) ? example : null;
}

interface ExampleState {
  readonly pattern: string;
  at: number;
  /** Runs of digits written so far: the first four-digit run is the year, later runs end in 123. */
  digitsSeen: number;
  readonly year: number;
}

class Unsupported extends Error {}

function sequence(state: ExampleState, inGroup: boolean): string {
  let out = '';
  const p = state.pattern;
  while (state.at < p.length) {
    const c = p[state.at] as string;
    if (c === '^' || c === '$') {
      state.at++;
      continue;
    }
    if (c === '|') {
      if (!inGroup) throw new Unsupported();
      // The first alternative is the example; skip the rest of the group.
      skipAlternatives(state);
      return out;
    }
    if (c === ')') {
      if (!inGroup) throw new Unsupported();
      return out;
    }
    let atom: (count: number) => string;
    if (c === '(') {
      state.at++;
      if (p.startsWith('?:', state.at)) state.at += 2;
      const inner = sequence(state, true);
      if (p[state.at] !== ')') throw new Unsupported();
      state.at++;
      atom = (count) => inner.repeat(count);
    } else if (c === '\\') {
      const next = p[state.at + 1];
      state.at += 2;
      if (next === 'd') atom = (count) => digits(state, count);
      else if (next !== undefined && /[-./\\()[\]{}|^$*+?\s#_:]/.test(next)) atom = (count) => next.repeat(count);
      else throw new Unsupported();
    } else if (c === '[') {
      const end = p.indexOf(']', state.at);
      if (end < 0) throw new Unsupported();
      const first = classExample(p.slice(state.at + 1, end));
      state.at = end + 1;
      atom = (count) => (first === '0' ? digits(state, count) : first.repeat(count));
    } else if ('*+?{.'.includes(c)) {
      throw new Unsupported();
    } else {
      state.at++;
      atom = (count) => c.repeat(count);
    }
    out += atom(quantifier(state));
  }
  if (inGroup) throw new Unsupported();
  return out;
}

function quantifier(state: ExampleState): number {
  const p = state.pattern;
  const c = p[state.at];
  if (c === '?') {
    state.at++;
    return 1;
  }
  if (c === '+') {
    state.at++;
    return 1;
  }
  if (c === '{') {
    const match = /^\{(\d+)(?:,(\d*))?\}/.exec(p.slice(state.at));
    if (!match) throw new Unsupported();
    state.at += match[0].length;
    return Math.max(1, Number(match[1]));
  }
  if (c === '*') throw new Unsupported();
  return 1;
}

function skipAlternatives(state: ExampleState): void {
  let depth = 0;
  const p = state.pattern;
  while (state.at < p.length) {
    const c = p[state.at];
    if (c === '\\') state.at += 2;
    else if (c === '(') {
      depth++;
      state.at++;
    } else if (c === ')') {
      if (depth === 0) return;
      depth--;
      state.at++;
    } else state.at++;
  }
}

/** The first character a `[...]` class allows: `0` stands for digits (written as a number run). */
function classExample(body: string): string {
  if (body.startsWith('^') || body === '') throw new Unsupported();
  if (/^0-9|^\\d/.test(body)) return '0';
  const first = body[0] as string;
  if (first === '\\') throw new Unsupported();
  return first;
}

function digits(state: ExampleState, count: number): string {
  state.digitsSeen++;
  if (state.digitsSeen === 1 && count === 4) return String(state.year);
  return '123'.padStart(count, '0').slice(-count);
}
