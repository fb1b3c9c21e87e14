import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeDemoMedium } from '../demo/demo-medium';
import { UsageError, type CliIo } from './cli-args';

/** Usage of `media demo`. */
export const mediaDemoUsage = 'clerk-review media demo FOLDER   (writes a portable medium with a new filing for the demo EFM: ECFOperation.xml, the ReviewFiling request, its PDFs)';

/** `media demo FOLDER`: a portable medium to try "Import from drive/folder" with. */
export async function runMediaDemo(argv: readonly string[], io: CliIo): Promise<number> {
  const [folder] = argv;
  if (!folder) throw new UsageError('Name the folder to write the medium to');
  const files = await makeDemoMedium();
  for (const file of files) {
    const target = path.join(folder, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.bytes);
  }
  io.out(`Wrote a portable medium with ${files.length} files to ${folder}\n`);
  return 0;
}
