/** What `leaky-lab report` was asked to read. */
export interface ReportArgs {
  /** The run log (JSON Lines written by leaky_lab_monitor.py). */
  readonly file: string;
}

/** Help for the report command. */
export const REPORT_HELP = `  leaky-lab report LOG.jsonl

Reads a run log written by leaky_lab_monitor.py in a PyTorch training loop (docs/run-log-format.md)
and prints one row per monitored layer (dead, inactive and tau-dormant % and the zero fraction at the
last record, the dead peak and its step, PReLU slopes) and the diagnosis in words. A malformed line
stops reading there: what was read is reported, the line and its problem are printed, and the exit
code is 1.
`;

/** Parses the report command's arguments (after "report"): the args, or a one-line usage error. */
export function parseReportArgs(argv: readonly string[]): ReportArgs | string {
  if (argv.includes('-h') || argv.includes('--help')) return 'usage: leaky-lab report LOG.jsonl (see leaky-lab --help)';
  const flag = argv.find((a) => a.startsWith('-'));
  if (flag !== undefined) return `unknown option "${flag}" for report: it takes only the run log (leaky-lab report LOG.jsonl)`;
  if (argv.length === 0) return 'report needs a run log: leaky-lab report LOG.jsonl';
  if (argv.length > 1) return `unexpected argument "${argv[1]}": report reads one run log`;
  return { file: argv[0]! };
}
