import type { Element } from '@xmldom/xmldom';
import { err, ok, type Result } from '../result';
import { children, textAt } from '../xml/xml-query';
import { el, serializeXml } from '../xml/xml-writer';
import type { EcfReadError } from './ecf-read-error';

/** The namespace of `ECFOperation.xml` (OASIS ECF Portable Media Service Interaction Profile, seed 003). */
export const portableMediaNs = 'urn:oasis:names:tc:legalxml-courtfiling:wsdl:PortableMediaProfile-4.0';

/** What `ECFOperation.xml` says: the operation, and each message or attachment file with its sequence id. */
export interface EcfOperation {
  readonly operationName: string | null;
  readonly messages: readonly { readonly sequenceId: string; readonly fileName: string }[];
}

/** Reads `ECFOperation.xml` (schemas/portable-media.xsd); an error when it holds another document. */
export function readEcfOperation(root: Element): Result<EcfOperation, EcfReadError> {
  if (root.namespaceURI !== portableMediaNs || root.localName !== 'ECFOperation') return err({ kind: 'wrong-message', message: `ECFOperation.xml holds ${root.nodeName}, not a portable-media ECFOperation.` });
  return ok({
    operationName: textAt(root, [portableMediaNs, 'ECFOperationName']),
    messages: children(root, portableMediaNs, 'ECFMessage').map((message) => ({
      sequenceId: textAt(message, [portableMediaNs, 'ECFMessageSequenceID'])?.trim() ?? '',
      fileName: (textAt(message, [portableMediaNs, 'ECFMessageFileName']) ?? '').trim().replace(/\\/g, '/'),
    })),
  });
}

/** Writes `ECFOperation.xml` for an operation and its files, numbered 1, 2, 3… in the order given. */
export function writeEcfOperation(operationName: string, fileNames: readonly string[]): string {
  return serializeXml(el(portableMediaNs, 'ECFOperation',
    el(portableMediaNs, 'ECFOperationName', operationName),
    fileNames.map((fileName, index) => el(portableMediaNs, 'ECFMessage', el(portableMediaNs, 'ECFMessageSequenceID', String(index + 1)), el(portableMediaNs, 'ECFMessageFileName', fileName)))), { pm: portableMediaNs });
}
