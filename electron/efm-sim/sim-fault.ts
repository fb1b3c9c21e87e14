import type { ReviewFault } from '../../shared/ecf/clerk-review-service';

/** A fault the simulator answers with (`crd:ReviewFault` in a SOAP Fault), and its HTTP status. */
export class FaultError extends Error {
  constructor(readonly fault: ReviewFault, readonly status = 500) {
    super(fault.text);
  }
}

/** A fault caused by the request (SOAP `Client`). */
export const clientFault = (code: ReviewFault['code'], text: string, holder: string | null = null): FaultError => new FaultError({ code, text, ecfErrorCode: code === 'invalid-ecf-message' ? '1' : null, holder });
