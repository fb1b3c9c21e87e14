import type { XmlError } from '../xml/safe-xml';

/** Why an ECF message could not be read into the domain model. */
export interface EcfReadError {
  readonly kind: XmlError['kind'] | 'wrong-message' | 'missing-element' | 'invalid-value';
  readonly message: string;
}
