import { RUN_LOG_MAX_BYTES, parseRunLog, type RunLog } from '../core/protocol/run-log';
import { diagnoseRunLog, percentText, stepText, summarizeRunLog, type RunLogSeriesSummary } from '../core/protocol/run-log-diagnosis';
import type { ReportArgs } from './report-args';
import { readLimited } from './read-limited';
import type { Streams } from './run';

/** A series' last value as a table cell ("38%"), or "n/a" where the log has none (dead under a leaky activation). */
const lastCell = (s: RunLogSeriesSummary | null, scale = 1) => (s === null ? 'n/a' : percentText(s.last * scale));

/** The per-layer table of a run log, as aligned text lines (the numbers are core's summaries). */
export function runLogTable(log: RunLog): string[] {
  const header = ['layer', 'name', 'type', 'units', 'dead', 'inactive', 'dormant', 'zeros', 'dead peak (step)', 'PReLU α mean'];
  const rows = summarizeRunLog(log).map((s, i) => [
    String(i + 1),
    s.layer.name,
    s.layer.type,
    `${s.layer.units}${s.layer.unit === 'channel' ? ' ch' : ''}`,
    lastCell(s.dead),
    lastCell(s.inactive),
    lastCell(s.dormant),
    lastCell(s.zeroFraction, 100),
    s.dead === null ? 'n/a' : `${percentText(s.dead.peak)} (${stepText(s.dead.peakStep)})`,
    s.alpha === null ? '' : `${Number(s.alpha.first.toFixed(3))} -> ${Number(s.alpha.last.toFixed(3))}`,
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((x, c) => (c >= 3 && c <= 8 ? x.padStart(widths[c]!) : x.padEnd(widths[c]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Runs `leaky-lab report LOG.jsonl`: prints the table and the diagnosis; 0, or 1 for a refused or partly malformed log. */
export function runReport(a: ReportArgs, io: Streams): number {
  const bytes = readLimited(a.file, (size) => (size > RUN_LOG_MAX_BYTES ? `${a.file} is ${(size / 1e6).toFixed(0)} MB, more than the ${RUN_LOG_MAX_BYTES / 1024 / 1024} MB a run log may be` : null));
  if (typeof bytes === 'string') {
    io.err.write(`leaky-lab: ${bytes}\n`);
    return 1;
  }
  const parsed = parseRunLog(new TextDecoder().decode(bytes), a.file);
  if (!parsed.ok) {
    io.err.write(`leaky-lab: ${parsed.message}\n`);
    return 1;
  }
  const { header, records, problem } = parsed.log;
  const last = records.at(-1);
  const span = last === undefined ? 'no records' : `${records.length} ${records.length === 1 ? 'record' : 'records'}, steps 0 to ${stepText(last.step)}`;
  const about = [header.model, header.torch === null ? null : `PyTorch ${header.torch}`, header.worldSize > 1 ? `${header.worldSize} ranks` : null].filter((x) => x !== null).join(', ');
  io.out.write(`${a.file}: ${about === '' ? '' : `${about}; `}a record every ${stepText(header.every)} steps, τ = ${header.tau}; ${span}\n`);
  if (last !== undefined) {
    io.out.write(`\nAt step ${stepText(last.step)}${last.loss === null ? '' : ` (loss ${Number.isFinite(last.loss) ? last.loss.toPrecision(4) : String(last.loss)})`}:\n`);
    for (const l of runLogTable(parsed.log)) io.out.write(`  ${l}\n`);
    io.out.write('  dead: output 0 on every input of the window (only where the activation then has no gradient: n/a otherwise);\n  inactive: z <= 0 on every input; dormant: tau-dormant (Sokar et al. 2023); zeros: share of activation values that are 0\n');
  }
  io.out.write('\nDiagnosis:\n');
  for (const f of diagnoseRunLog(parsed.log)) io.out.write(`  - ${f.text}\n`);
  if (problem !== null) {
    io.err.write(`leaky-lab: ${problem.message}\n`);
    return 1;
  }
  return 0;
}
