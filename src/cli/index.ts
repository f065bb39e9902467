/**
 * Entry of the `leaky-lab` command line: headless training on the same engine as the app. Only adapts
 * the process (argv, streams, exit code, its worker role); the logic lives in the modules beside it.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { HELP, parseCommandLine } from './args';
import { run } from './run';
import { runStories } from './stories';
import { serveStories } from './story-worker';

declare const __LEAKY_LAB_VERSION__: string;

// The stories command runs seeds on worker threads started from this same file.
if (!isMainThread && parentPort !== null && (workerData as { role?: string } | null)?.role === 'stories') serveStories(parentPort);
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
    case 'stories':
      void runStories(parsed.args, { out: process.stdout, err: process.stderr }, new URL(import.meta.url), () => performance.now()).then((code) => {
        process.exitCode = code;
      });
      break;
  }
}
