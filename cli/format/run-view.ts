import type { EngineEvent } from '../../server/execution/engine.js';
import type { StepStatus } from '../../server/execution/store.js';

/** A terminal to draw on (stdout when it is a TTY). */
export interface Terminal {
    write(text: string): void;
    readonly columns: number;
}

const SYMBOL: Record<StepStatus, string> = {
    pending: '·', queued: '○', running: '▶', succeeded: '✔', failed: '✘', cancelled: '■', cached: '≡'
};
const COLOUR: Record<StepStatus, string> = {
    pending: '2', queued: '2', running: '33', succeeded: '32', failed: '31', cancelled: '35', cached: '36'
};

interface StepLine {
    status: StepStatus;
    startedAt?: number;
    seconds?: number;
    lastLine: string;
}

function clock(seconds: number): string {
    return seconds < 60 ? `${seconds.toFixed(1)}s` : `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

/**
 * The live view of a run: one line per step (status, elapsed time, last log line) and a
 * progress bar, redrawn in place on a TTY; plain lines (one per status change) otherwise.
 */
export class RunView {
    private readonly steps = new Map<string, StepLine>();
    private order: string[] = [];
    private drawn = 0;
    private readonly started = Date.now();
    private timer?: NodeJS.Timeout;
    private name = '';

    constructor(private readonly out: (line: string) => void, private readonly terminal?: Terminal) {}

    onEvent(event: EngineEvent): void {
        switch (event.type) {
            case 'execution':
                if (event.status === 'running') {
                    this.name = event.name;
                    this.order = event.steps ?? [];
                    for (const id of this.order) this.steps.set(id, { status: 'pending', lastLine: '' });
                    this.print(`execution ${event.name} (pipeline ${event.pipeline})${event.resumed ? ': resumed' : ''}`);
                    if (this.terminal) this.timer = setInterval(() => this.draw(), 250);
                } else {
                    this.stop();
                }
                break;
            case 'step': {
                const line = this.steps.get(event.step) ?? { status: 'pending', lastLine: '' };
                line.status = event.status;
                if (event.status === 'running') line.startedAt = Date.now();
                if (event.seconds !== undefined) line.seconds = event.seconds;
                if (event.status === 'cached' && event.cachedFrom) line.lastLine = `reused from ${event.cachedFrom.execution}`;
                if (event.message && (event.status === 'failed' || event.status === 'cancelled')) line.lastLine = event.message;
                if (event.error && event.status === 'failed') line.lastLine = event.error;
                this.steps.set(event.step, line);
                if (!this.terminal && event.status !== 'pending' && event.status !== 'queued') {
                    const extra = event.status === 'cached' ? ` (from ${event.cachedFrom?.execution})`
                        : event.status === 'failed' ? `: ${event.error ?? ''}`
                            : event.status === 'cancelled' && event.message ? ` (${event.message})` : '';
                    this.out(`[${clock((Date.now() - this.started) / 1000).padStart(6)}] ${event.step}: ${event.status}${event.seconds ? ` in ${clock(event.seconds)}` : ''}${extra}`);
                }
                this.draw();
                break;
            }
            case 'log': {
                const line = this.steps.get(event.step);
                if (line && event.line.trim()) line.lastLine = event.line.trim();
                break;
            }
            default:
                break;
        }
    }

    private print(text: string): void {
        this.clear();
        this.out(text);
    }

    private clear(): void {
        if (this.terminal && this.drawn > 0) {
            this.terminal.write(`\x1b[${this.drawn}A\x1b[0J`);
            this.drawn = 0;
        }
    }

    private draw(): void {
        if (!this.terminal || this.order.length === 0) return;
        const width = Math.max(40, this.terminal.columns || 80);
        const nameWidth = Math.min(24, Math.max(...this.order.map(id => id.length)));
        const lines: string[] = [];
        for (const id of this.order) {
            const step = this.steps.get(id)!;
            const elapsed = step.seconds ?? (step.startedAt ? (Date.now() - step.startedAt) / 1000 : undefined);
            const head = `${SYMBOL[step.status]} ${id.padEnd(nameWidth).slice(0, nameWidth)} ${step.status.padEnd(9)} ${elapsed === undefined ? '       ' : clock(elapsed).padStart(7)}  `;
            const rest = step.lastLine.replace(/\s+/g, ' ').slice(0, Math.max(0, width - head.length - 1));
            lines.push(`\x1b[${COLOUR[step.status]}m${head}\x1b[0m\x1b[2m${rest}\x1b[0m`);
        }
        const done = this.order.filter(id => ['succeeded', 'failed', 'cancelled', 'cached'].includes(this.steps.get(id)!.status)).length;
        const barWidth = Math.max(10, Math.min(40, width - 40));
        const filled = Math.round(barWidth * done / this.order.length);
        lines.push(`[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${done}/${this.order.length} steps  ${clock((Date.now() - this.started) / 1000)}  ${this.name}`);
        this.clear();
        this.terminal.write(lines.join('\n') + '\n');
        this.drawn = lines.length;
    }

    stop(): void {
        if (this.timer) clearInterval(this.timer);
        this.timer = undefined;
        this.draw();
        this.drawn = 0;
    }
}
