/**
 * A node:test reporter that names every skipped test at the very end of the run, so that a skip (a test that could
 * not run on this machine) is read in the summary rather than lost in the middle of the spec output.
 */
import { relative } from 'node:path';

export default async function* skips(source) {
  const skipped = [];
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.skip !== undefined && event.data.skip !== false) {
      skipped.push(`${event.data.name}${typeof event.data.skip === 'string' ? ` (${event.data.skip})` : ''} [${event.data.file ? relative(process.cwd(), event.data.file) : ''}]`);
    }
  }
  if (skipped.length) yield `\n\u26a0 ${skipped.length} test(s) SKIPPED: they did not run on this machine\n${skipped.map((s) => `  - ${s}\n`).join('')}`;
}
