import type { Element } from '@xmldom/xmldom';
import type { MessageStatus } from '../domain/ecf-status';
import { err, ok, type Result } from '../result';
import { child, descendants, path, textAt } from '../xml/xml-query';
import type { EcfReadError } from './ecf-read-error';
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
