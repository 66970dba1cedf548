import type { Diagnostic, Range, Trace } from '../../metamodel/core/index.js';
import { outermost } from '../../metamodel/core/index.js';
import { T, type DiagramMarker, type SourceRange } from '../model/diagram-model.js';

/** Inner spacing of nodes. */
export const PAD = 8;
export const TITLE_HEIGHT = 22;
export const ROW_HEIGHT = 16;
export const PORT_SIZE = 8;
export const MARKER_SIZE = 14;

export function contains(outer: Range, inner: Range): boolean {
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function before(a: Range['start'], b: Range['start']): boolean {
    return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function rangeSize(range: Range): number {
    return (range.end.line - range.start.line) * 10_000 + range.end.character - range.start.character;
}

/** A plain copy of a trace's range (no `via`), for the client. */
export function sourceRange(trace: Trace): SourceRange {
    const { start, end } = trace.range;
    return { start: { line: start.line, character: start.character }, end: { line: end.line, character: end.character } };
}

/**
 * Assigns diagnostics to the elements whose text holds them: the smallest range that contains
 * the diagnostic's range wins (a layer statement over its network). Diagnostics of other
 * documents, and those no element holds, are left out.
 */
export function assignDiagnostics(uri: string, diagnostics: readonly Diagnostic[], targets: ReadonlyArray<{ id: string; range: Range }>): Map<string, Diagnostic[]> {
    const byElement = new Map<string, Diagnostic[]>();
    for (const diagnostic of diagnostics) {
        if (diagnostic.severity !== 'error' && diagnostic.severity !== 'warning') continue;
        const trace = outermost(diagnostic.trace);
        if (trace.uri !== uri) continue;
        let best: { id: string; range: Range } | undefined;
        for (const target of targets) {
            if (contains(target.range, trace.range) && (!best || rangeSize(target.range) < rangeSize(best.range))) best = target;
        }
        if (!best) continue;
        const list = byElement.get(best.id) ?? [];
        list.push(diagnostic);
        byElement.set(best.id, list);
    }
    return byElement;
}

/** The marker of a node's diagnostics, at its top right corner. */
export function markerOf(nodeId: string, width: number, diagnostics: readonly Diagnostic[]): DiagramMarker {
    const severity = diagnostics.some(d => d.severity === 'error') ? 'error' : 'warning';
    return {
        type: T.marker,
        id: `${nodeId}:marker`,
        severity,
        position: { x: width - MARKER_SIZE - 4, y: 4 },
        size: { width: MARKER_SIZE, height: MARKER_SIZE },
        hover: diagnostics.map(d => `${d.severity}: ${d.message}`).join('\n')
    };
}
