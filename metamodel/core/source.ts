/**
 * Source positions. Every element of the model graph is traced back to the text it came
 * from, so that checks, diagrams and generators can point at the exact range. Positions are
 * zero-based, as in the Language Server Protocol.
 */

/** A zero-based line/character position. */
export interface Position {
    readonly line: number;
    readonly character: number;
}

/** A half-open range `[start, end)` in one document. */
export interface Range {
    readonly start: Position;
    readonly end: Position;
}

/** Where a model element came from: a document and a range in it. */
export interface Trace {
    readonly uri: string;
    readonly range: Range;
    /**
     * For elements expanded from a block or a network used as a block: the call sites that
     * expanded them, outermost first. Empty or absent for elements written directly.
     */
    readonly via?: readonly Trace[];
}

/** A trace for elements that do not come from text (built-ins, generated elements). */
export const NO_TRACE: Trace = Object.freeze({
    uri: '',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }
});

/** The outermost location of a trace: the call site for expanded elements, the element itself otherwise. */
export function outermost(trace: Trace): Trace {
    return trace.via && trace.via.length > 0 ? outermost(trace.via[0]) : trace;
}
