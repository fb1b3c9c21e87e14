import type { Element } from '@xmldom/xmldom';
import type { MessageStatus } from '../domain/ecf-status';
import { err, ok, type Result } from '../result';
import { child, descendants, path, textAt } from '../xml/xml-query';
import type { EcfReadError } from './ecf-read-error';
import { el, elAttrs, type XmlElement } from '../xml/xml-writer';
import { ns } from './namespaces';

const { cbrn } = ns;

/** Reads `cbrn:MessageStatus`: error code 0 (or absent with status code "Ok"/"Success") means success. */
export function readMessageStatus(root: Element): Result<MessageStatus, EcfReadError> {
  const status = root.namespaceURI === cbrn && root.localName === 'MessageStatus' ? root : (descendants(root, cbrn, 'MessageStatus')[0] ?? null);
  if (!status) return err({ kind: 'wrong-message', message: `No cbrn:MessageStatus in ${root.nodeName}` });
  const handling = child(status, cbrn, 'MessageHandlingError');
  const content = child(status, cbrn, 'MessageContentError');
  const errorCode = textAt(handling, [cbrn, 'ErrorCodeText']) ?? textAt(content, [cbrn, 'ErrorDescription'], [cbrn, 'ErrorCodeText']) ?? '0';
  const errorText = textAt(handling, [cbrn, 'ErrorCodeDescriptionText']) ?? textAt(content, [cbrn, 'ErrorDescription'], [cbrn, 'ErrorCodeDescriptionText']);
  return ok({
    ok: errorCode === '0',
    statusCode: textAt(status, [cbrn, 'MessageStatusCode']),
    errorCode,
    errorText,
    errorNode: textAt(content, [cbrn, 'ErrorNodeName']),
    resendRequested: textAt(path(status, [cbrn, 'ResendRequestIndicator'])) === 'true',
  });
}

/** What a `cbrn:MessageStatus` written by the service says. */
export interface MessageStatusContent {
  readonly at: string;
  /** ECF error code: 0 success (see error-codes.ts). */
  readonly errorCode: string;
  readonly errorText: string;
  /** Test for the demo service, Ops for a court's. */
  readonly mode: 'Ops' | 'Test';
  /** `ecf:MessageStatusAugmentation` children, when the answer names identifiers. */
  readonly augmentation?: readonly XmlElement[];
}

/** `cbrn:MessageStatus` in schema order: when, mode, authenticated, success or failure, and the error. */
export function messageStatusElement(status: MessageStatusContent): XmlElement {
  return elAttrs(cbrn, 'MessageStatus', [{ ns: cbrn, name: 'systemSimulatedIndicator', value: String(status.mode === 'Test') }],
    el(cbrn, 'SystemEventDateTime', status.at),
    el(cbrn, 'SystemOperatingModeCode', status.mode),
    el(cbrn, 'CredentialsAuthenticatedCode', 'Authenticated'),
    el(cbrn, 'MessageStatusCode', statusCodeOf(status.errorCode)),
    el(cbrn, 'MessageHandlingError', el(cbrn, 'ErrorCodeText', status.errorCode), el(cbrn, 'ErrorCodeDescriptionText', status.errorText)),
    el(cbrn, 'ResendRequestIndicator', String(status.errorCode === '199')),
    status.augmentation && status.augmentation.length > 0 ? el(ns.ecf, 'MessageStatusAugmentation', status.augmentation) : null);
}

/** The NIEM CBRN MessageStatusCode for an ECF error code. */
function statusCodeOf(errorCode: string): string {
  switch (errorCode) {
    case '0':
      return 'Success';
    case '1':
      return 'InvalidSchema';
    case '102':
      return 'DuplicateMessage';
    case '199':
      return 'SystemError';
    default:
      return 'MessageError';
  }
}

/** ECF 5.0 §4.5: a successful response carries error code 0 too. */
export function successStatusElement(header: { readonly postedAt: string; readonly mode?: 'Ops' | 'Test' }): XmlElement {
  return messageStatusElement({ at: header.postedAt, errorCode: '0', errorText: 'No error', mode: header.mode ?? 'Ops' });
}
