import { timingSafeEqual } from 'node:crypto';

/** A user of the simulated EFM. */
export interface SimUser {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  /** Filers (a filer's EFSP) use the standard ECF endpoints only; clerks and supervisors use the extension too. */
  readonly role: 'clerk' | 'supervisor' | 'filer';
}

/** The demo EFM's users (demo data, not secrets: they only open the embedded simulator on loopback). */
export const demoUsers: readonly SimUser[] = [
  { username: 'clerk1', password: 'demo-clerk1', displayName: 'Dana Whitaker', role: 'clerk' },
  { username: 'clerk2', password: 'demo-clerk2', displayName: 'Luis Ortega', role: 'clerk' },
  { username: 'supervisor', password: 'demo-supervisor', displayName: 'Renee Park', role: 'supervisor' },
  { username: 'efsp', password: 'demo-efsp', displayName: 'Demo e-filing service provider', role: 'filer' },
];

/** Finds the user whose credentials match (constant-time password comparison). */
export function authenticate(users: readonly SimUser[], username: string | null, password: string | null): SimUser | null {
  const user = users.find((candidate) => candidate.username === username);
  if (!user || password === null) return null;
  const a = Buffer.from(user.password);
  const b = Buffer.from(password);
  return a.length === b.length && timingSafeEqual(a, b) ? user : null;
}
