import type { ReviewFault } from '../../shared/ecf/clerk-review-service';
import type { XmlElement } from '../../shared/xml/xml-writer';

/** A fault the simulator answers with (`crd:ReviewFault` in a SOAP Fault), and its HTTP status. */
export class FaultError extends Error {
  constructor(readonly fault: ReviewFault, readonly status = 500, readonly subcode: string | null = null, readonly detail: XmlElement | null = null) {
    super(fault.text);
  }
}

/** A WS-Security failure: the SOAP fault carries the WS-Security fault code (e.g. `wsse:FailedAuthentication`). */
export const securityFault = (subcode: string, text: string): FaultError => new FaultError({ code: 'unauthorized', text, ecfErrorCode: null, holder: null }, 500, subcode);

/** A fault caused by the request (SOAP `Client`). */
export const clientFault = (code: ReviewFault['code'], text: string, holder: string | null = null): FaultError => new FaultError({ code, text, ecfErrorCode: code === 'invalid-ecf-message' ? '1' : null, holder });

/** A fault on the service's side (SOAP `Server`, ECF error 199): the caller may send the request again later. */
export const serviceFault = (text: string): FaultError => new FaultError({ code: 'internal', text, ecfErrorCode: null, holder: null });
