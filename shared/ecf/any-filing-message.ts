import type { Element } from '@xmldom/xmldom';
import type { Envelope } from '../domain/envelope';
import type { Result } from '../result';
import { descendants } from '../xml/xml-query';
import { isCoreFilingMessage, readCoreFilingMessage } from '../ecf4/core-filing-message';
import { ns4 } from '../ecf4/namespaces';
import type { EcfReadError } from './ecf-read-error';
import { findFilingMessages, readFilingMessage } from './filing-message';

/** The ECF versions whose filings the product reads (ECF 4.01 uses the 4.0 namespaces and reads as 4.0). */
export type EcfVersion = '5.0' | '4.0';

/** A filing found in a message: an ECF 5.0 `filing:FilingMessage` or an ECF 4.0 `CoreFilingMessage`. */
export interface FoundFiling {
  readonly version: EcfVersion;
  readonly message: Element;
}

/**
 * The filings of a message of either version: the message itself, or those inside a wrapper (ReviewFilingRequest,
 * RecordDocketing, ECF 4's ReviewFilingRequestMessage or RecordFilingRequestMessage), in document order.
 */
export function findAnyFilingMessages(root: Element): FoundFiling[] {
  const five = findFilingMessages(root).map((message) => ({ version: '5.0' as const, message }));
  if (five.length > 0) return five;
  const four = isCoreFilingMessage(root) ? [root] : descendants(root, ns4.core, 'CoreFilingMessage');
  return four.map((message) => ({ version: '4.0' as const, message }));
}

/** Reads a found filing into the one domain model, whichever version it is. */
export function readAnyFilingMessage(found: FoundFiling): Result<Envelope, EcfReadError> {
  return found.version === '4.0' ? readCoreFilingMessage(found.message) : readFilingMessage(found.message);
}
