import type { RunResults } from '../results/model.js';

/** How many of the target container's last log lines the terminal shows; results.json keeps more. */
export const TERMINAL_LOG_LINES = 20;

/** The end of the target container's log, printed after the summary of a run that failed. */
export function targetLogTail(run: RunResults): string {
  const log = run.targetLog;
  if (!log) return '';
  if (log.lines.length === 0) return `\nthe target ${log.source} logged nothing`;
  const shown = log.lines.slice(-TERMINAL_LOG_LINES);
  const more = log.lines.length > shown.length ? ` (the last ${log.lines.length} in results.json)` : '';
  return `\nlast ${shown.length === 1 ? 'log line' : `${shown.length} log lines`} of the target ${log.source}${more}:\n${shown.map((line) => `  | ${line}`).join('\n')}`;
}
