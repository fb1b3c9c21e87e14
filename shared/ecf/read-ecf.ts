import type { Envelope } from '../domain/envelope';
import { err, ok, type Result } from '../result';
import { parseXml, type XmlLimits } from '../xml/safe-xml';
import { findAnyFilingMessages, readAnyFilingMessage, type EcfVersion } from './any-filing-message';
import type { EcfReadError } from './ecf-read-error';
import { missingFilingMessageReason } from './filing-message';

/** Parses untrusted XML text and reads its (first) filing, ECF 5.0 or ECF 4.0, with the version it came in. */
export function readFilingXml(xml: string, limits?: XmlLimits): Result<{ ecfVersion: EcfVersion; envelope: Envelope }, EcfReadError> {
  const parsed = parseXml(xml, limits);
  if (!parsed.ok) return parsed;
  const [found] = findAnyFilingMessages(parsed.value);
  if (!found) return err({ kind: 'wrong-message', message: missingFilingMessageReason(parsed.value, `This ${parsed.value.nodeName} message`) });
  const envelope = readAnyFilingMessage(found);
  return envelope.ok ? ok({ ecfVersion: found.version, envelope: envelope.value }) : envelope;
}

/** Parses untrusted XML text and reads the envelope of its (first) filing. Never throws. */
export function readEnvelopeXml(xml: string, limits?: XmlLimits): Result<Envelope, EcfReadError> {
  const read = readFilingXml(xml, limits);
  return read.ok ? ok(read.value.envelope) : read;
}
