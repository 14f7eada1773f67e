// Child process of build-once.test.ts: builds (or waits for) one cache file and reports who built it.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildFileOnce } from '../../../main/engine/cache/build-once';

const [path, log] = process.argv.slice(2);
await buildFileOnce(path, async (tmp) => {
  await appendFile(log, `${process.pid}\n`);
  // Long enough that the other process surely arrives while this one builds.
  await sleep(800);
  await writeFile(tmp, `built by ${process.pid}`);
});
process.stdout.write(await readFile(path, 'utf8'));
