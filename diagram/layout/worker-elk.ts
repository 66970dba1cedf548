import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type {
    ELK, ElkLayoutAlgorithmDescription, ElkLayoutCategoryDescription, ElkLayoutOptionDescription, ElkNode
} from 'elkjs/lib/elk-api.js';

/**
 * The worker's code: elkjs' bundled build, which lays out synchronously, in its own thread.
 * Messages: `{ id, json }` in (the ELK graph as a JSON string), `{ id, json, ms }` (the laid-out
 * graph, without its layout options) or `{ id, error }` out, one layout at a time. Strings, not
 * objects: posting a string copies its bytes, while the structured clone of a large graph walks
 * it on the sending thread and rebuilds it on the receiving one — tens of milliseconds of the
 * language server's event loop for 1,000 layers. (Inline, so that it runs the same from the
 * TypeScript sources under vitest and from `out/`.)
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const ELK = require(${JSON.stringify(createRequire(import.meta.url).resolve('elkjs/lib/elk.bundled.js'))});
const elk = new ELK();
const withoutOptions = (key, value) => key === 'layoutOptions' ? undefined : value;
parentPort.on('message', message => {
    const started = performance.now();
    let graph;
    try {
        graph = JSON.parse(message.json);
    } catch (error) {
        parentPort.postMessage({ id: message.id, error: error.message });
        return;
    }
    elk.layout(graph).then(
        graph => parentPort.postMessage({ id: message.id, json: JSON.stringify(graph, withoutOptions), ms: performance.now() - started }),
        error => parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) }));
});
`;

interface Pending {
    resolve(json: string): void;
    reject(error: Error): void;
}

/**
 * ELK's API over a worker thread: `layout` (or `layoutJson`, without parsing on this thread)
 * posts the graph and resolves with the laid-out copy. elkjs' bundled build blocks the thread it runs on (≈3 s for 1,500
 * nodes); here that thread is not the language server's. The worker starts on first use and does
 * not keep the process alive when idle.
 */
export class WorkerElk implements ELK {
    protected worker?: Worker;
    protected readonly pending = new Map<number, Pending>();
    protected nextId = 1;
    /** Milliseconds the worker spent on the last layout (without the transfer). */
    lastLayoutMs = 0;

    layout<T extends ElkNode>(graph: T): Promise<Omit<T, 'children'> & { children?: (T['children'] & ElkNode[])[number][] }> {
        return this.layoutJson(JSON.stringify(graph)).then(json => JSON.parse(json) as never);
    }

    /** Lays out an ELK graph given as JSON; resolves with the laid-out graph as JSON (without layout options). */
    layoutJson(json: string): Promise<string> {
        const worker = this.start();
        const id = this.nextId++;
        return new Promise<string>((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            if (this.pending.size === 1) worker.ref();
            worker.postMessage({ id, json });
        });
    }

    protected start(): Worker {
        if (this.worker) return this.worker;
        const worker = new Worker(WORKER_SOURCE, { eval: true });
        worker.unref();
        worker.on('message', (message: { id: number; json?: string; error?: string; ms?: number }) => {
            const pending = this.pending.get(message.id);
            if (!pending) return;
            this.pending.delete(message.id);
            if (this.pending.size === 0) worker.unref();
            if (message.ms !== undefined) this.lastLayoutMs = message.ms;
            if (message.error !== undefined) pending.reject(new Error(`ELK layout failed: ${message.error}`));
            else pending.resolve(message.json!);
        });
        worker.on('error', error => this.fail(error));
        worker.on('exit', code => this.fail(new Error(`the ELK worker exited (${code})`)));
        this.worker = worker;
        return worker;
    }

    protected fail(error: Error): void {
        this.worker = undefined;
        for (const pending of this.pending.values()) pending.reject(error);
        this.pending.clear();
    }

    /** Stops the worker (pending layouts fail). */
    async dispose(): Promise<void> {
        const worker = this.worker;
        this.worker = undefined;
        if (worker) await worker.terminate();
    }

    knownLayoutAlgorithms(): Promise<ElkLayoutAlgorithmDescription[]> {
        return Promise.resolve([]);
    }

    knownLayoutOptions(): Promise<ElkLayoutOptionDescription[]> {
        return Promise.resolve([]);
    }

    knownLayoutCategories(): Promise<ElkLayoutCategoryDescription[]> {
        return Promise.resolve([]);
    }

    terminateWorker(): void {
        void this.dispose();
    }
}
