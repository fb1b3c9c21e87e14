import { usableTimeZone } from '../domain/time-zone';
import { z } from 'zod';

/** Values for the `{field}` placeholders of a stamp; `page`/`pages` are filled per page by the engine. */
export const stampFieldValuesSchema = z.object({
  status: z.string().max(40).default('FILED'),
  court: z.string().max(200).default(''),
  /** ISO-8601 instant of the decision; formatted in the court's time zone. */
  datetime: z.iso.datetime({ offset: true }),
  timeZone: z.string().max(64),
  clerk: z.string().max(100).default(''),
  caseNumber: z.string().max(100).default(''),
  envelopeId: z.string().max(100).default(''),
  filingId: z.string().max(100).default(''),
});

/** Field values as a caller provides them. */
export type StampFieldValues = z.input<typeof stampFieldValuesSchema>;

/** Names of the fields a template may use. */
export const stampFieldNames = ['status', 'court', 'datetime', 'clerk', 'caseNumber', 'envelopeId', 'filingId', 'page', 'pages'] as const;

/**
 * Replaces `{field}` placeholders. Unknown placeholders stay visible (so a typo in a template shows on the
 * preview instead of vanishing), and `{{`/`}}` write literal braces.
 */
export function fillStampText(text: string, values: StampFieldValues, page: number, pages: number, dateFormat: string): string {
  if (!text.includes('{') && !text.includes('}')) return text;
  const fields: Record<string, string> = {
    status: values.status ?? 'FILED',
    court: values.court ?? '',
    datetime: text.includes('{datetime}') ? formatCourtDateTime(values.datetime, values.timeZone, dateFormat) : '',
    clerk: values.clerk ?? '',
    caseNumber: values.caseNumber ?? '',
    envelopeId: values.envelopeId ?? '',
    filingId: values.filingId ?? '',
    page: String(page),
    pages: String(pages),
  };
  return text.replace(/\{\{|\}\}|\{([a-zA-Z]+)\}/g, (match, name: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    return name !== undefined && Object.hasOwn(fields, name) ? (fields[name] ?? '') : match;
  });
}

/**
 * True when a template line names fields and every one of them is empty here ("Clerk: {clerk}" without a clerk):
 * such a line is left off the stamp rather than printed as a bare label. Lines without fields always print.
 */
export function lineHasOnlyEmptyFields(text: string, values: StampFieldValues): boolean {
  const names = [...text.replace(/\{\{|\}\}/g, '').matchAll(/\{([a-zA-Z]+)\}/g)].map((match) => match[1] as string);
  const known = names.filter((name) => (stampFieldNames as readonly string[]).includes(name));
  if (known.length === 0) return false;
  // As fillStampText fills them: the status defaults to FILED; page numbers and the time are always there.
  const value = (name: string): string => (name === 'status' ? (values.status ?? 'FILED') : String(values[name as keyof StampFieldValues] ?? ''));
  return known.every((name) => name !== 'page' && name !== 'pages' && name !== 'datetime' && !value(name).trim());
}

/**
 * Formats an instant in a time zone with a small pattern language: `yyyy MM dd HH hh mm ss a zzz`
 * (zzz = short zone name such as CST). Anything else is copied as is.
 */
export function formatCourtDateTime(iso: string, timeZone: string, pattern: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(dateTimeFormat(timeZone).formatToParts(date).map((part) => [part.type, part.value])) as Record<string, string>;
  const hour24 = Number(parts.hour);
  const tokens: Record<string, string> = {
    yyyy: parts.year ?? '',
    MM: parts.month ?? '',
    dd: parts.day ?? '',
    HH: String(hour24).padStart(2, '0'),
    hh: String(hour24 % 12 === 0 ? 12 : hour24 % 12).padStart(2, '0'),
    mm: parts.minute ?? '',
    ss: parts.second ?? '',
    a: hour24 < 12 ? 'AM' : 'PM',
    zzz: parts.timeZoneName ?? timeZone,
  };
  return pattern.replace(/yyyy|MM|dd|HH|hh|mm|ss|zzz|a/g, (token) => tokens[token] ?? token);
}

const formats = new Map<string, Intl.DateTimeFormat>();

// Building an Intl.DateTimeFormat is costly (it loads zone data); a stamp run formats the same zone many times.
function dateTimeFormat(zone: string): Intl.DateTimeFormat {
  const timeZone = usableTimeZone(zone);
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formats.set(timeZone, format);
  }
  return format;
}
