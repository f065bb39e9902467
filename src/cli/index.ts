/**
 * Entry of the `leaky-lab` command line: headless training on the same engine as the app. Only adapts
 * the process (argv, streams, exit code); the logic lives in the modules beside it.
 */
import { HELP, parseCommandLine } from './args';
import { run } from './run';

declare const __LEAKY_LAB_VERSION__: string;

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
}
