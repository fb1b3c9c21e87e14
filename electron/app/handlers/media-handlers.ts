import { ok } from '../../../shared/result';
import { inspectCmsZip } from '../../cms/cms-zip';
import type { Handlers } from '../../ipc/dispatcher';
import { importMedium } from '../../media/import-medium';
import type { HandlerContext } from './handler-context';

type MediaChannel = 'cms:export-zip' | 'cms:inspect-zip' | 'media:import' | 'media:deliver-waiting' | 'offline:key';

/**
 * Files in and out: CMS zips for courts without a CMS link, filings brought on portable media, and the key that
 * seals the offline copies kept in the page's IndexedDB.
 */
export function mediaHandlers(c: HandlerContext): Pick<Handlers, MediaChannel> {
  const { efm } = c;
  return {
    // The service's own zip, as a drop-folder court receives it: one writer for both.
    'cms:export-zip': async ({ envelopeId }) => efm.withClient((client) => client.getCmsZip(envelopeId)),
    'cms:inspect-zip': async ({ fileName, bytes }) => ok(inspectCmsZip(fileName, bytes)),
    'media:import': async ({ files }) => {
      const user = efm.current()?.username ?? 'workstation';
      const policy = await efm.courtPolicy();
      return ok(await importMedium(files, c.inbox, {
        user,
        courtName: policy.ok ? policy.value.policy.courtName : '',
        timeZone: policy.ok ? policy.value.policy.timeZone : (await c.settings.get()).courtTimeZone,
        withClient: (call) => efm.withClient(call) }));
    },
    'offline:key': async () => ok(new Uint8Array((await c.workstationKey).atRestKey())),
    'media:deliver-waiting': async () => {
      const delivered = await c.deliverMedia();
      return ok({ delivered, waiting: (await c.inbox.waiting()).length });
    },
  };
}
