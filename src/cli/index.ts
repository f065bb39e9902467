/**
 * Entry of the `leaky-lab` command line: headless training on the same engine as the app. Only adapts
 * the process (argv, streams, exit code, its worker role); the logic lives in the modules beside it.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { HELP, parseCommandLine } from './args';
import { runBornDead } from './born-dead';
import { serveBornDead } from './born-dead-worker';
import { runReport } from './report';
import { runExportTorch } from './export-torch';
import { run } from './run';
import { runStories } from './stories';
import { serveStories } from './story-worker';
import { runSweep } from './sweep';
import { serveSweep } from './sweep-worker';

declare const __LEAKY_LAB_VERSION__: string;

// The stories, sweep and born-dead commands run their jobs on worker threads started from this same file.
const role = isMainThread ? null : (workerData as { role?: string } | null)?.role;
if (parentPort !== null && role === 'stories') serveStories(parentPort);
else if (parentPort !== null && role === 'sweep') serveSweep(parentPort, (workerData as { supplied: Parameters<typeof serveSweep>[1] }).supplied);
else if (parentPort !== null && role === 'born-dead') serveBornDead(parentPort, (workerData as { options: Parameters<typeof serveBornDead>[1] }).options);
else main();

function main(): void {
  const parsed = parseCommandLine(process.argv.slice(2));
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(HELP);
      break;
    case 'version':
      process.stdout.write(`leaky-lab ${__LEAKY_LAB_VERSION__}\n`);
      break;
    case 'error':
      process.stderr.write(`leaky-lab: ${parsed.message}\n`);
      process.exitCode = 2;
      break;
    case 'run':
      process.exitCode = run(parsed.args, { out: process.stdout, err: process.stderr });
      break;
    case 'export-torch':
      void runExportTorch(parsed.args, { out: process.stdout, err: process.stderr }).then((code) => {
        process.exitCode = code;
      });
      break;
    case 'sweep':
      void runSweep(parsed.args, { io: { out: process.stdout, err: process.stderr }, workerUrl: new URL(import.meta.url), now: () => performance.now(), onInterrupt }).then((code) => {
        process.exitCode = code;
      });
      break;
    case 'born-dead':
      void runBornDead(parsed.args, { io: { out: process.stdout, err: process.stderr }, workerUrl: new URL(import.meta.url), now: () => performance.now() }).then((code) => {
        process.exitCode = code;
      });
      break;
    case 'report':
      process.exitCode = runReport(parsed.args, { out: process.stdout, err: process.stderr });
      break;
    case 'stories':
      void runStories(parsed.args, { out: process.stdout, err: process.stderr }, new URL(import.meta.url), () => performance.now()).then((code) => {
        process.exitCode = code;
      });
      break;
  }
}

/** Calls `stop` on the first Ctrl-C (a second one ends the process as usual); returns the unsubscribe. */
function onInterrupt(stop: () => void): () => void {
  const handler = () => {
    process.off('SIGINT', handler);
    stop();
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}
