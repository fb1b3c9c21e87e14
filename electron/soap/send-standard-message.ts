import { readMessageStatus } from '../../shared/ecf/message-status';
import { messageStatusOfAnswer4 } from '../../shared/ecf4/message-receipt';
import { ok } from '../../shared/result';
import { readSoapEnvelope, readSoapFault, soapEnvelope } from './soap-envelope';
import { wsSecurityHeader, type UsernameCredentials } from './ws-security';
import { httpPost } from '../efm/http-post';
import { decodeMtom, encodeMtom, type MimePart } from './mtom';
import type { Element } from '@xmldom/xmldom';
import type { RawXml, XmlElement } from '../../shared/xml/xml-writer';

/** One standard ECF call whose answer is a `cbrn:MessageStatus` (callbacks, RecordDocketing). */
export interface StandardMessageCall {
  readonly url: string;
  readonly soapAction: string;
  /** The `wrappers:<Operation>Request` element (ECF 4: the request message itself), or its serialized form. */
  readonly body: XmlElement | RawXml;
  /** A WS-Security UsernameToken for the receiver, when it asks for one. */
  readonly credentials?: UsernameCredentials | null;
  /** Attachments (MTOM, SOAP 1.1 root): documents the message refers to by `cid:`. */
  readonly parts?: readonly MimePart[];
  readonly timeoutMs?: number;
  /** The largest answer taken (default 1 MiB). */
  readonly maxResponseBytes?: number;
  /** PEM CA to trust for the receiver's TLS certificate (a court's own CA), besides the system store. */
  readonly ca?: string;
}

/** What came of one call: taken, or why not and whether sending again may help. */
export type StandardMessageOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly retryable: boolean };

/** The answer to one standard ECF call: its SOAP body (a success status inside), or why there is none. */
export type StandardAnswer =
  | { readonly ok: true; readonly body: Element; readonly parts: ReadonlyMap<string, MimePart> }
  | { readonly ok: false; readonly reason: string; readonly retryable: boolean; readonly errorCode?: string };

/**
 * Sends one standard ECF message and reads its `cbrn:MessageStatus`: error code 0 is success (ECF 5.0 §4.5). The
 * transport failing, the server failing, or code 199 / ResendRequestIndicator may pass; any other code is the
 * receiver's refusal of this message, and sending it again unchanged would be refused again.
 */
export async function sendStandardMessage(call: StandardMessageCall): Promise<StandardMessageOutcome> {
  const answer = await askStandardMessage(call);
  return answer.ok ? { ok: true } : answer;
}

/**
 * Sends one standard ECF request and returns the body of a successful answer (a GetCase, GetCaseList, … response
 * whose `cbrn:MessageStatus` says 0), or the refusal as {@link sendStandardMessage} reads it.
 */
export async function askStandardMessage(call: StandardMessageCall): Promise<StandardAnswer> {
  const header = call.credentials ? [wsSecurityHeader(call.credentials)] : [];
  const xml = soapEnvelope(call.body, header);
  const parts = call.parts ?? [];
  const mtom = parts.length > 0 ? encodeMtom(xml, parts, 'text/xml') : null;
  const body = mtom ? mtom.body : Buffer.from(xml, 'utf8');
  let status: number;
  let text: string;
  let answerParts: ReadonlyMap<string, MimePart> = new Map();
  try {
    const answer = await httpPost({
      url: call.url, body, timeoutMs: call.timeoutMs ?? 30_000, maxResponseBytes: call.maxResponseBytes ?? 1024 * 1024,
      ...(call.ca ? { ca: call.ca } : {}),
      headers: { 'Content-Type': mtom ? mtom.contentType : 'text/xml; charset=utf-8', SOAPAction: `"${call.soapAction}"` },
    });
    status = answer.status;
    text = answer.body.toString('utf8');
    // An answer with documents (GetDocument) comes as MTOM: the SOAP envelope is its root part.
    if (/^multipart\//i.test(answer.contentType)) {
      const mtom = decodeMtom(answer.contentType, answer.body);
      if (!mtom.ok) return { ok: false, reason: `HTTP ${status}, an MTOM answer that cannot be read: ${mtom.error.message}`, retryable: true };
      text = mtom.value.rootXml;
      answerParts = mtom.value.parts;
    }
  } catch (error) {
    return { ok: false, reason: (error as Error).message, retryable: true };
  }
  const message = readSoapEnvelope(text);
  if (!message.ok) return { ok: false, reason: `HTTP ${status}, not a SOAP answer`, retryable: true };
  const fault = readSoapFault(message.value.body);
  const answered = fault ? (fault.detail ?? message.value.body) : message.value.body;
  // An ECF 4.0 receiver answers with its message (a MessageReceiptMessage, …): ecf:Error says what MessageStatus does.
  const ecf4Status = messageStatusOfAnswer4(answered);
  const answer = ecf4Status ? ok(ecf4Status) : readMessageStatus(answered);
  if (!answer.ok) {
    return fault
      ? { ok: false, reason: `refused: ${fault.faultString}`, retryable: /Server|Receiver/.test(fault.faultCode) }
      : { ok: false, reason: `HTTP ${status}, no MessageStatus in the answer`, retryable: true };
  }
  if (answer.value.ok && !fault) return { ok: true, body: message.value.body, parts: answerParts };
  const retryable = answer.value.errorCode === '199' || answer.value.resendRequested;
  const reason = `refused: ${answer.value.errorText ?? fault?.faultString ?? `error ${answer.value.errorCode}`}`;
  return { ok: false, reason, retryable, errorCode: answer.value.errorCode };
}
