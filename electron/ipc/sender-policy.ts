import { isAppOriginUrl } from '../protocol/app-scheme';

/** What the IPC wrapper knows about the frame that sent a message. */
export interface SenderInfo {
  /** URL of the sending frame, or null when the frame is gone. */
  readonly frameUrl: string | null;
  /** True when the frame is its window's top frame (not an iframe). */
  readonly isTopFrame: boolean;
  /** True when the sending web contents is one of the app's own windows. */
  readonly isAppWindow: boolean;
}

/**
 * Only the app's own top frame, loaded from `app://clerk-review`, may call the main process.
 * Anything else (an iframe, a navigated-away page, devtools extensions) is refused.
 */
export function isTrustedSender(sender: SenderInfo): boolean {
  return sender.isAppWindow && sender.isTopFrame && sender.frameUrl !== null && isAppOriginUrl(sender.frameUrl);
}
