import type { ModelNode, NetworkDomain } from '../../metamodel/core/index.js';
import type { GraphAnalysis } from '../../languages/dfnn/analysis/dfnn-analyzer.js';

/** One row of a model summary: a layer (a shared layer once, connected to every input it is applied on). */
export interface SummaryRow {
    readonly name: string;
    readonly type: string;
    /** Output shapes as the domain prints them; empty when unknown. */
    readonly outputShapes: readonly string[];
    /** `undefined` when unknown. */
    readonly params?: number;
    /** Inputs as Keras prints them: `layer[node_index][tensor_index]`. */
    readonly connectedTo: readonly string[];
    /** The block calls the layer was expanded from (`['b1']`). */
    readonly group?: readonly string[];
}

/** A network's summary, as `model.summary()` shows it. */
export interface NetworkSummary {
    readonly name: string;
    readonly rows: readonly SummaryRow[];
    readonly totalParams: number;
    readonly trainableParams: number;
    readonly nonTrainableParams: number;
    /** Whether every shape and count is known. */
    readonly complete: boolean;
}

/** Builds the summary of an analysed network: layers in the order Keras builds them. */
export function summarize(graph: GraphAnalysis, domain: NetworkDomain): NetworkSummary {
    const { validation, analysis } = graph;
    const { index } = validation;
    const sharedKey = domain.sharedApplicationKey;
    const applicationIndex = new Map<string, number>();
    const applications = new Map<string, number>();
    const { order } = index.topologicalOrder();
    for (const node of order) {
        const owner = node.meta?.[sharedKey] as string | undefined;
        if (!owner) continue;
        const k = applications.get(owner) ?? 0;
        applicationIndex.set(node.id, k);
        applications.set(owner, k + 1);
    }
    const inputName = (node: ModelNode, tensor: number | undefined) => {
        const owner = node.meta?.[sharedKey] as string | undefined;
        const ownerNode = owner ? index.node(owner) : undefined;
        return ownerNode ? `${ownerNode.name}[${applicationIndex.get(node.id)}][${tensor ?? 0}]` : `${node.name}[0][${tensor ?? 0}]`;
    };
    const rows: Array<SummaryRow & { connectedTo: string[] }> = [];
    const sharedRows = new Map<string, SummaryRow & { connectedTo: string[] }>();
    for (const node of order) {
        if (node.meta?.[domain.sharedDeclarationKey]) continue;
        const connectedTo = index.inputsOf(node.id).map(c => {
            const source = index.node(c.from.node);
            return source ? inputName(source, c.from.index) : '?';
        });
        const owner = node.meta?.[sharedKey] as string | undefined;
        const existing = owner ? sharedRows.get(owner) : undefined;
        if (existing) {
            existing.connectedTo.push(...connectedTo);
            continue;
        }
        const layer = analysis.layers.get(owner ?? node.id) ?? {};
        const own = analysis.layers.get(node.id) ?? {};
        const known = layer.trainable !== undefined || layer.nonTrainable !== undefined;
        const ownerNode = owner ? index.node(owner) : undefined;
        const row = {
            name: ownerNode?.name ?? node.name,
            type: typeLabel(node.type, domain),
            outputShapes: (own.outputs ?? []).map(shape => domain.formatShape(shape)),
            params: known ? (layer.trainable ?? 0) + (layer.nonTrainable ?? 0) : undefined,
            connectedTo,
            ...(node.group ? { group: node.group } : {})
        };
        rows.push(row);
        if (owner) sharedRows.set(owner, row);
    }
    return {
        name: graph.lowered.graph.name,
        rows,
        totalParams: analysis.total,
        trainableParams: analysis.trainable,
        nonTrainableParams: analysis.nonTrainable,
        complete: analysis.complete
    };
}

/** The class name a summary shows: canonical (aliases resolved); graph inputs are `InputLayer`s. */
function typeLabel(type: string, domain: NetworkDomain): string {
    const canonical = domain.metamodel.canonicalName(type) ?? type;
    return canonical === domain.inputType ? `${canonical}Layer` : canonical;
}

/** Keras' `readable_memory_size` for float32 weights: `1.29 KB`. */
export function readableMemorySize(params: number, bytesPerParam = 4): string {
    const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
    let size = params * bytesPerParam;
    for (const unit of units) {
        if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
        size /= 1024;
    }
    return `${size.toFixed(2)} ${units[units.length - 1]}`;
}

/** `25,636,712`, as Python's `f"{n:,}"`. */
export function thousands(n: number): string {
    return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Renders a summary as Keras 3 prints `model.summary()` (box table, then the parameter totals). */
export function renderSummary(summary: NetworkSummary): string[] {
    const header = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'];
    const cells = summary.rows.map(row => {
        const shapes = row.outputShapes.length === 0 ? ['?'] : row.outputShapes.length === 1 ? row.outputShapes : [`[${row.outputShapes.join(', ')}]`];
        return [
            [`${row.name} (${row.type})`],
            shapes,
            [row.params === undefined ? '?' : thousands(row.params)],
            row.connectedTo.length > 0 ? row.connectedTo : ['-']
        ];
    });
    const widths = header.map((title, column) => Math.max(title.length, ...cells.flatMap(row => row[column].map(line => line.length))));
    const rightAligned = [false, false, true, false];
    const pad = (text: string, column: number) => rightAligned[column] ? text.padStart(widths[column]) : text.padEnd(widths[column]);
    const rule = (left: string, fill: string, middle: string, right: string) =>
        left + widths.map(w => fill.repeat(w + 2)).join(middle) + right;
    const lines = [`Model: "${summary.name}"`];
    lines.push(rule('┏', '━', '┳', '┓'));
    lines.push('┃' + header.map((title, column) => ` ${pad(title, column)} `).join('┃') + '┃');
    lines.push(rule('┡', '━', '╇', '┩'));
    cells.forEach((row, i) => {
        const height = Math.max(...row.map(cell => cell.length));
        for (let line = 0; line < height; line++) {
            lines.push('│' + row.map((cell, column) => ` ${pad(cell[line] ?? '', column)} `).join('│') + '│');
        }
        if (i < cells.length - 1) lines.push(rule('├', '─', '┼', '┤'));
    });
    lines.push(rule('└', '─', '┴', '┘'));
    const total = (label: string, n: number) => ` ${label}: ${thousands(n)} (${readableMemorySize(n)})`;
    lines.push(total('Total params', summary.totalParams));
    lines.push(total('Trainable params', summary.trainableParams));
    lines.push(total('Non-trainable params', summary.nonTrainableParams));
    if (!summary.complete) lines.push(' (some shapes or counts are unknown: marked ?)');
    return lines;
}
