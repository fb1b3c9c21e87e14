// Bundled for the page by queue-bench.ts: the app's own queue repository, so the bench times the code the screen runs.
import { noQueueFilter } from '../../renderer/data/queue-keys';
import { queueRepository } from '../../renderer/data/queue-repository';

(globalThis as unknown as { benchQueue: unknown }).benchQueue = { queueRepository, noQueueFilter };
