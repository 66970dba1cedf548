/** Where a command writes: injectable, so tests call commands without a subprocess. */
export interface CliIO {
    /** Writes a line to standard output. */
    out(line: string): void;
    /** Writes a line to standard error. */
    err(line: string): void;
}

/** The process's standard streams. */
export const processIO: CliIO = {
    out: line => process.stdout.write(`${line}\n`),
    err: line => process.stderr.write(`${line}\n`)
};

/** Exit codes of the CLI. */
export const ExitCode = {
    ok: 0,
    /** The model has errors. */
    errors: 1,
    /** Bad usage: a missing file, an unknown network, a wrong option. */
    usage: 2
} as const;

/** Collects output in memory (for tests). */
export class BufferedIO implements CliIO {
    readonly stdout: string[] = [];
    readonly stderr: string[] = [];
    out(line: string): void {
        this.stdout.push(line);
    }
    err(line: string): void {
        this.stderr.push(line);
    }
    get output(): string {
        return this.stdout.join('\n');
    }
    get errors(): string {
        return this.stderr.join('\n');
    }
}
