import type { AppError, ErrorCode } from '../errors';
import { channels } from './contract';

/** What a clerk is told for each kind of failure when the message itself is not fit to show. */
const generic: Record<ErrorCode, string> = {
  'invalid-arguments': 'What was entered could not be accepted. Check the fields and try again.',
  'forbidden-sender': 'This window is not allowed to do that. Use the app\'s main window.',
  'unknown-channel': 'The app asked for something it does not know. Restart the app; if it happens again, tell court IT.',
  'not-found': 'It could not be found: it may have been completed or removed meanwhile.',
  conflict: 'Someone changed this meanwhile. Open it again to see how it is now.',
  unauthorized: 'Sign in again to go on.',
  forbidden: 'You are not allowed to do this.',
  'efm-fault': 'The court\'s EFM refused this.',
  'efm-unreachable': 'The court\'s EFM cannot be reached. Your work is kept on this workstation.',
  'efm-timeout': 'The court\'s EFM did not answer in time. Your work is kept on this workstation; try again.',
  'efm-bad-response': 'The court\'s EFM sent an answer the app cannot read. Try again; if it keeps happening, tell court IT.',
  'storage-failed': 'This workstation could not save to its disk. Nothing was sent; tell court IT.',
  internal: 'Something went wrong in the app. Your work is kept; try again, and tell court IT if it happens again.',
};

/**
 * Text written for developers, not clerks: a channel name (`outbox:record`), a schema path (`decisions.0.note`), a
 * regular expression (`^\d{4}-…$`), a stack frame or a validator's own words.
 */
const developerText = [
  /\b[a-z]+(?:-[a-z]+)*:[a-z]+(?:-[a-z]+)+\b/,
  /\b[A-Za-z_]\w*\.\d+\.\w/,
  /\^[^\s]*\$|\\[dDsSwWb]|\[\^?[^\]\s]*\][*+?{]|\(\?[:=!]/,
  /\bat [\w.$<>]+ \(|\bat file:|\.(?:ts|js|cjs|mjs):\d+/,
  /\bundefined\b|\bNaN\b|\[object Object\]|ZodError|Invalid arguments for|\bTypeError\b|\bReferenceError\b/,
];

// The contract's own channel names (`outbox:record`), whatever their shape.
const channelNames = Object.keys(channels);

/** True when the text shows developer detail a clerk must never see. */
export function looksLikeDeveloperText(text: string): boolean {
  return channelNames.some((name) => text.includes(name)) || developerText.some((pattern) => pattern.test(text));
}

/**
 * The message a clerk reads for an error: its own when it is written for a clerk, else the plain words for its kind
 * Every error the renderer's API returns passes through here.
 */
export function clerkMessage(error: Pick<AppError, 'code' | 'message'>): string {
  const message = error.message.trim();
  if (message && !looksLikeDeveloperText(message)) return message;
  return generic[error.code];
}

/**
 * The error with its message made fit for a clerk (see {@link clerkMessage}); the main process has logged the
 * original where it arose.
 */
export function forClerk(error: AppError): AppError {
  const message = clerkMessage(error);
  return message === error.message ? error : { ...error, message };
}
