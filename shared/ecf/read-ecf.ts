import type { Envelope } from '../domain/envelope';
import { err, type Result } from '../result';
import { parseXml, type XmlLimits } from '../xml/safe-xml';
import type { EcfReadError } from './ecf-read-error';
import { findFilingMessages, missingFilingMessageReason, readFilingMessage } from './filing-message';

/** Parses untrusted XML text and reads the envelope of its (first) FilingMessage. Never throws. */
export function readEnvelopeXml(xml: string, limits?: XmlLimits): Result<Envelope, EcfReadError> {
  const parsed = parseXml(xml, limits);
  if (!parsed.ok) return parsed;
  const [message] = findFilingMessages(parsed.value);
  if (!message) return err({ kind: 'wrong-message', message: missingFilingMessageReason(parsed.value, `This ${parsed.value.nodeName} message`) });
  return readFilingMessage(message);
}
