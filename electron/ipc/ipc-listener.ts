import type { IpcMainInvokeEvent } from 'electron';
import { appError } from '../../shared/errors';
import { clerkMessage } from '../../shared/ipc/clerk-message';
import type { Channel } from '../../shared/ipc/contract';
import { err, type Result } from '../../shared/result';
import type { Dispatch } from './dispatcher';
import { isTrustedSender, type SenderInfo } from './sender-policy';

/** Reads what the sender policy needs from an Electron IPC event. */
export function senderInfoOf(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, isAppWindow: (id: number) => boolean): SenderInfo {
  const frame = event.senderFrame;
  return {
    frameUrl: frame?.url ?? null,
    isTopFrame: frame !== null && frame !== undefined && frame.parent === null,
    isAppWindow: isAppWindow(event.sender.id),
  };
}

/**
 * The listener registered for one channel: refuses untrusted senders, then hands the call to the dispatcher
 * (which validates arguments). The raw IPC event never reaches a handler.
 */
export function createIpcListener(channel: Channel, dispatch: Dispatch, isAppWindow: (id: number) => boolean) {
  return async (event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, args: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(senderInfoOf(event, isAppWindow))) {
      console.warn(`Refused ${channel} from a frame that is not the app`);
      return err(appError('forbidden-sender', clerkMessage({ code: 'forbidden-sender', message: '' })));
    }
    return dispatch(channel, args, { shell: 'electron' });
  };
}
