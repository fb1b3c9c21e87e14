// Globals that exist in every runtime shared/ code runs in (browsers, workers, Node 20) but that the ES library
// typings lack. shared/ is compiled without DOM or Node types on purpose; these are the only ones it may use.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function atob(data: string): string;
declare function btoa(data: string): string;
/** A WebCrypto key (opaque here). */
interface WebCryptoKey {
  readonly type: string;
}
/** WebCrypto algorithm parameters as shared/ uses them (signature verification of signed PDFs). */
type WebCryptoAlgorithm = string | { readonly name: string; readonly hash?: string; readonly namedCurve?: string };
declare const crypto: {
  readonly subtle: {
    digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
    importKey(format: 'spki', key: Uint8Array, algorithm: WebCryptoAlgorithm, extractable: boolean, usages: readonly 'verify'[]): Promise<WebCryptoKey>;
    verify(algorithm: WebCryptoAlgorithm, key: WebCryptoKey, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  };
  randomUUID(): string;
};
