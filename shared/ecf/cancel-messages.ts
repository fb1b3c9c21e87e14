import type { Element } from '@xmldom/xmldom';
import { child, textAt } from '../xml/xml-query';
import type { XmlElement } from '../xml/xml-writer';
import { messageStatusElement, type MessageStatusContent } from './message-status';
import { ns } from './namespaces';
import { wrapStandardResponse } from './standard-operations';

/**
 * The filing a `cancel:CancelFilingMessage` asks to cancel. ECF 5.0 §6.2: its message identifier is the one the
 * Filing Review MDE assigned, and names a unique filing in the court.
 */
export function readCancelFilingRequest(message: Element): string | null {
  if (message.namespaceURI !== ns.cancel || message.localName !== 'CancelFilingMessage') return null;
  return textAt(child(message, ns.nc, 'DocumentIdentification'), [ns.nc, 'IdentificationID']);
}

/** `wrappers:CancelFilingResponse`: the court's answer, a cbrn:MessageStatus (0: cancelled). */
export function cancelFilingResponseElement(status: MessageStatusContent): XmlElement {
  return wrapStandardResponse('CancelFiling', messageStatusElement(status));
}
