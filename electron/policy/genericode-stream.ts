import { ns } from '../../shared/ecf/namespaces';
import type { ColumnType } from '../../shared/ecf/code-list-catalogue';
import { attributeValue, XmlTokenError, XmlTokenizer } from './xml-tokens';

/** A value of a code list cell, typed by its column. */
export type CodeValue = string | number | boolean;

/** One row of a code list: column id → value (empty cells left out). */
export type CodeRow = Readonly<Record<string, CodeValue>>;

/** What a Genericode list says about itself (`Identification`). */
export interface CodeListHeader {
  readonly shortName: string | null;
  readonly version: string | null;
  readonly canonicalUri: string | null;
  readonly canonicalVersionUri: string | null;
}

/** A code list as read: its header, every column it declares, and its rows. */
export interface CodeList {
  readonly header: CodeListHeader;
  readonly columns: readonly string[];
  readonly rows: readonly CodeRow[];
  /** Rows left out because they had no code. */
  readonly rowsWithoutCode: number;
}

/** Why a Genericode document could not be read, in words for court IT. */
export class GenericodeError extends Error {}

const maxDepth = 32;
const maxValueChars = 64 * 1024;
const maxRows = 5_000_000;
const headerFields: Readonly<Record<string, keyof CodeListHeader>> = {
  ShortName: 'shortName',
  Version: 'version',
  CanonicalUri: 'canonicalUri',
  CanonicalVersionUri: 'canonicalVersionUri',
};

/**
 * Reads an OASIS Genericode 1.0 code list as it streams in, so a list of any size is read in memory bounded by its
 * rows, not by its text. Accepts both shapes courts publish: the OASIS one (`gc:CodeList` with unqualified
 * children) and Tyler's (default Genericode namespace on the root, `xmlns=""` below). Every column is kept; values
 * are typed per list (booleans, decimals), the rest kept as text. Refuses a DOCTYPE (no entity is ever expanded).
 */
export class GenericodeStream {
  readonly #parser = new XmlTokenizer({
    open: (name, attributes) => this.#open(name, attributes),
    close: () => this.#close(),
    text: (text) => this.#addText(text),
    // Only values and the list's own identification are kept; indentation is skipped unread.
    wantText: () => this.#path.length === 3 || (this.#path.length === 5 && this.#row !== null),
  });
  readonly #decoder = new TextDecoder('utf-8');
  readonly #path: string[] = [];
  readonly #header: Record<keyof CodeListHeader, string | null> = {
    shortName: null,
    version: null,
    canonicalUri: null,
    canonicalVersionUri: null,
  };
  readonly #columns: string[] = [];
  readonly #rows: CodeRow[] = [];
  readonly #interned = new Map<string, string>();
  #rowsWithoutCode = 0;
  #row: Record<string, CodeValue> | null = null;
  #valueColumn: string | null = null;
  #valueIndex = 0;
  #text = '';
  #sawRoot = false;
  #sawText = false;
  #failure: Error | null = null;

  #types: Readonly<Record<string, ColumnType>> | null = null;

  /** `typesFor` is asked once, when the first row starts, with what the list says about itself. */
  constructor(
    private readonly typesFor: (header: CodeListHeader) => Readonly<Record<string, ColumnType>> = () => ({}),
  ) {}

  /** Feeds the next bytes (UTF-8) or text. Throws {@link GenericodeError} as soon as the list is unreadable. */
  write(chunk: Uint8Array | string): void {
    this.#check();
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    if (text.trim() !== '') this.#sawText = true;
    try {
      this.#parser.write(text);
    } catch (error) {
      this.#failure ??= error as Error;
    }
    this.#check();
  }

  /** Ends the document and returns the list. */
  end(): CodeList {
    if (!this.#sawRoot && !this.#failure && !this.#sawText)
      throw new GenericodeError('The file is empty: it holds no Genericode code list.');
    try {
      this.#parser.write(this.#decoder.decode());
      this.#parser.end();
    } catch (error) {
      this.#failure ??= error as Error;
    }
    this.#check();
    if (!this.#sawRoot) throw new GenericodeError('The file is empty: it holds no Genericode code list.');
    return {
      header: { ...this.#header },
      columns: [...this.#columns],
      rows: this.#rows,
      rowsWithoutCode: this.#rowsWithoutCode,
    };
  }

  #check(): void {
    const failure = this.#failure;
    if (!failure) return;
    if (failure instanceof GenericodeError) throw failure;
    if (failure instanceof XmlTokenError && failure.message === 'DOCTYPE')
      throw new GenericodeError('The list contains a DOCTYPE declaration, which is refused.');
    const where = this.#rows.length > 0 ? ` (after row ${this.#rows.length})` : '';
    throw new GenericodeError(`The list is not well-formed XML${where}: ${failure.message.split('\n')[0] ?? ''}`);
  }

  #open(name: string, attributes: readonly string[]): void {
    const depth = this.#path.length;
    if (depth >= maxDepth) throw new GenericodeError(`The list nests elements more than ${maxDepth} levels deep.`);
    const colon = name.indexOf(':');
    const local = colon === -1 ? name : name.slice(colon + 1);
    if (depth === 0) {
      const uri = attributeValue(attributes, colon === -1 ? 'xmlns' : `xmlns:${name.slice(0, colon)}`);
      if (local !== 'CodeList' || uri !== ns.genericode)
        throw new GenericodeError(`This is not a Genericode code list: its root element is ${name}.`);
      this.#sawRoot = true;
    }
    this.#path.push(local);
    this.#text = '';
    const parent = this.#path[depth - 1];
    if (depth === 2 && parent === 'ColumnSet' && local === 'Column') {
      const id = attributeValue(attributes, 'Id');
      if (id && !this.#columns.includes(id)) this.#columns.push(id);
    } else if (depth === 2 && parent === 'SimpleCodeList' && local === 'Row') {
      this.#row = {};
      this.#valueIndex = 0;
      this.#types ??= this.typesFor({ ...this.#header });
      if (this.#rows.length >= maxRows) throw new GenericodeError(`The list has more than ${maxRows} rows.`);
    } else if (depth === 3 && this.#row && local === 'Value') {
      const ref = attributeValue(attributes, 'ColumnRef');
      // Genericode lets a Value without ColumnRef stand for the column in its position.
      this.#valueColumn = ref ?? this.#columns[this.#valueIndex] ?? null;
      this.#valueIndex += 1;
      if (ref && !this.#columns.includes(ref)) this.#columns.push(ref);
    }
  }

  #addText(text: string): void {
    if (this.#text.length + text.length > maxValueChars)
      throw new GenericodeError(`A value in the list is longer than ${maxValueChars} characters.`);
    this.#text = this.#text === '' ? text : this.#text + text;
  }

  #close(): void {
    const local = this.#path.pop();
    const depth = this.#path.length;
    const parent = this.#path[depth - 1];
    const value = this.#text.trim();
    this.#text = '';
    const headerField = depth === 2 && parent === 'Identification' ? headerFields[local ?? ''] : undefined;
    if (headerField) {
      this.#header[headerField] = value || null;
    } else if (depth === 4 && local === 'SimpleValue' && this.#row && this.#valueColumn && value !== '') {
      this.#row[this.#valueColumn] = this.#typed(this.#valueColumn, value);
    } else if (depth === 2 && local === 'Row' && this.#row) {
      if (typeof this.#row.code === 'string' && this.#row.code !== '') this.#rows.push(this.#row);
      else this.#rowsWithoutCode += 1;
      this.#row = null;
    }
  }

  #typed(column: string, value: string): CodeValue {
    const type = this.#types?.[column] ?? 'text';
    if (type === 'boolean') {
      const lower = value.toLowerCase();
      if (lower === 'true' || lower === '1' || lower === 'yes') return true;
      if (lower === 'false' || lower === '0' || lower === 'no') return false;
    } else if (type === 'decimal') {
      const number = Number(value);
      if (Number.isFinite(number)) return number;
    }
    if (column === 'code' || column === 'name') return value;
    // Qualifying columns repeat the same few values thousands of times: keep one copy of each.
    const known = this.#interned.get(value);
    if (known !== undefined) return known;
    if (this.#interned.size < 200_000) this.#interned.set(value, value);
    return value;
  }
}
