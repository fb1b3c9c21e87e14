import { z } from 'zod';
import { roleSchema } from './supervision';

/** Who is signed in to the EFM on this workstation. The password stays in the main process's memory only. */
export const sessionSchema = z.object({
  username: z.string(),
  displayName: z.string(),
  /** From the EFM at sign-in; the main process refuses supervisor channels to clerks. */
  role: roleSchema,
  /** Idle lock: documents hidden and document channels refused until the user enters their password again. */
  locked: z.boolean(),
  efmMode: z.enum(['demo', 'real']),
  signedInAt: z.string(),
});

/** A signed-in session. */
export type Session = z.infer<typeof sessionSchema>;

/** Sign-in arguments. */
export const signInSchema = z.object({
  username: z.string().trim().min(1, 'Enter your EFM user name').max(200),
  password: z.string().min(1, 'Enter your password').max(500),
});
