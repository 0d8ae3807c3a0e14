import type { RunEvent } from '../pipeline/index.js';

/** Where progress goes: a terminal gets a redrawn bar, anything else one line per phase. */
export interface ProgressSink {
  readonly write: (text: string) => void;
  readonly isTerminal: boolean;
}

const BAR_WIDTH = 28;
/** Redraw the bar at most this often (ms). */
const REDRAW_MS = 100;

/** A run-event handler that reports progress: a bar with documents/s and ETA on a terminal, else phase lines for logs. */
export function progressReporter(sink: ProgressSink, label: string): (event: RunEvent) => void {
  const started = Date.now();
  let lastDraw = 0;
  return (event) => {
    const elapsed = (Date.now() - started) / 1000;
    if (event.phase !== 'score') {
      if (sink.isTerminal && event.phase === 'write') sink.write('\n');
      if (!sink.isTerminal || event.phase === 'find') sink.write(`hsframe ${label}: ${event.phase === 'find' ? 'finding documents' : event.phase === 'write' ? 'writing outputs' : 'done'} (${elapsed.toFixed(1)} s)\n`);
      return;
    }
    if (!sink.isTerminal) {
      if (event.done === 0) sink.write(`hsframe ${label}: scoring ${event.total} documents\n`);
      if (event.done === event.total && event.total > 0) sink.write(`hsframe ${label}: scoring done: ${event.total} documents (${event.cached} reused, ${event.failed} failed in scoring; files that could not be listed are counted in the summary) in ${elapsed.toFixed(1)} s\n`);
      return;
    }
    const now = Date.now();
    if (now - lastDraw < REDRAW_MS && event.done < event.total) return;
    lastDraw = now;
    const share = event.total > 0 ? event.done / event.total : 1;
    const filled = Math.round(share * BAR_WIDTH);
    const rate = elapsed > 0 ? event.done / elapsed : 0;
    const eta = rate > 0 ? (event.total - event.done) / rate : 0;
    sink.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${event.done}/${event.total}  ${rate.toFixed(1)} docs/s  ETA ${formatSeconds(eta)}  ${event.cached} reused  ${event.failed} failed `);
  };
}

function formatSeconds(seconds: number): string {
  const whole = Math.ceil(seconds);
  return whole >= 60 ? `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s` : `${whole}s`;
}
