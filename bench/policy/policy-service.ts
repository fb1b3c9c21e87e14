// The Filing Review service publishing a court's policy folder, in its own process (so the bench measures only the
// desktop side). Prints the URL on stdout, runs until killed.
import { demoCourtPolicy } from '../../electron/efm-sim/demo-court';
import { EfmSimulator } from '../../electron/efm-sim/efm-simulator';

const folder = process.argv[2];
if (!folder) throw new Error('usage: policy-service.ts FOLDER');
const service = await new EfmSimulator({
  court: { ...demoCourtPolicy, courtId: 'bench', courtName: 'Bench County' },
  policyFolder: folder,
  envelopes: [],
}).start();
process.stdout.write(`${service.url}\n`);
