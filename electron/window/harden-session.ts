import type { Session } from 'electron';

/**
 * Denies every permission a page can ask for (camera, notifications, geolocation, …) and every permission
 * check. The review UI needs none of them.
 */
export function hardenSession(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
