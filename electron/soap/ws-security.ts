import { randomBytes } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { ns } from '../../shared/ecf/namespaces';
import { soapVersions, type SoapVersion } from './soap-envelope';
import { child, textAt } from '../../shared/xml/xml-query';
import { el, elAttrs, type XmlElement } from '../../shared/xml/xml-writer';

const { wsse, wsu } = ns;
const passwordText = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
const base64Binary = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/** The credentials a request carries. */
export interface UsernameCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * A WS-Security header with a Timestamp (5-minute validity: the EFM refuses stale or future messages, so clocks
 * must be synchronised) and a UsernameToken with a fresh Nonce and its Created time (Username Token Profile 1.1), so
 * the EFM can refuse a replayed request. The password travels as text, so this is only ever sent over TLS (or to the
 * loopback demo EFM).
 */
export function wsSecurityHeader(credentials: UsernameCredentials, now = new Date(), validitySeconds = 300, version: SoapVersion = '1.1'): XmlElement {
  return elAttrs(wsse, 'Security', [{ ns: soapVersions[version].ns, name: 'mustUnderstand', value: version === '1.1' ? '1' : 'true' }],
    elAttrs(wsu, 'Timestamp', [{ ns: wsu, name: 'Id', value: 'TS-1' }],
      el(wsu, 'Created', now.toISOString()),
      el(wsu, 'Expires', new Date(now.getTime() + validitySeconds * 1000).toISOString())),
    el(wsse, 'UsernameToken',
      el(wsse, 'Username', credentials.username),
      elAttrs(wsse, 'Password', [{ ns: null, name: 'Type', value: passwordText }], credentials.password),
      elAttrs(wsse, 'Nonce', [{ ns: null, name: 'EncodingType', value: base64Binary }], randomBytes(16).toString('base64')),
      el(wsu, 'Created', now.toISOString())));
}

/** What the EFM reads from a request's WS-Security header. */
export interface SecurityHeader {
  readonly username: string | null;
  readonly password: string | null;
  readonly created: string | null;
  readonly expires: string | null;
  /** The UsernameToken's Nonce and Created (replay protection). */
  readonly nonce: string | null;
  readonly tokenCreated: string | null;
}

/** Reads the UsernameToken and Timestamp of a request header. */
export function readWsSecurity(header: Element | null): SecurityHeader {
  const security = child(header, wsse, 'Security');
  const token = child(security, wsse, 'UsernameToken');
  const timestamp = child(security, wsu, 'Timestamp');
  return {
    username: textAt(token, [wsse, 'Username']),
    password: textAt(token, [wsse, 'Password']),
    created: textAt(timestamp, [wsu, 'Created']),
    expires: textAt(timestamp, [wsu, 'Expires']),
    nonce: textAt(token, [wsse, 'Nonce']),
    tokenCreated: textAt(token, [wsu, 'Created']),
  };
}

/** True when a Timestamp is current, allowing `skewSeconds` of clock difference. */
export function isTimestampCurrent(security: Pick<SecurityHeader, 'created' | 'expires'>, now: number, skewSeconds = 300): boolean {
  const created = Date.parse(security.created ?? '');
  const expires = Date.parse(security.expires ?? '');
  if (Number.isNaN(created) || Number.isNaN(expires)) return false;
  return created - skewSeconds * 1000 <= now && now <= expires + skewSeconds * 1000;
}

/** A WS-Security header with only a Timestamp: what a signed answer carries beside its signature. */
export function wsTimestampHeader(now = new Date(), validitySeconds = 300): XmlElement {
  return el(wsse, 'Security',
    elAttrs(wsu, 'Timestamp', [{ ns: wsu, name: 'Id', value: 'TS-1' }],
      el(wsu, 'Created', now.toISOString()),
      el(wsu, 'Expires', new Date(now.getTime() + validitySeconds * 1000).toISOString())));
}
