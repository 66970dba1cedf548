/**
 * The diagram model shared by the server (generator, layout, SVG export) and the browser client
 * (views, edit tools): element types, the extra properties DeepForge puts on Sprotty's model
 * elements, the custom actions, and the geometry of text. Plain TypeScript, no I/O: it is
 * bundled into the client too.
 */
import type { SEdge, SGraph, SLabel, SModelElement, SNode, SPort } from 'sprotty-protocol';

/** Element types. The part before `:` is Sprotty's basic type (`node`, `port`, `edge`, `label`). */
export const T = {
    graph: 'graph',
    /** A layer of a network. */
    layer: 'node:layer',
    /** A block call (or a network used as a block): a collapsible group of layers. */
    group: 'node:group',
    /** A step of a pipeline. */
    step: 'node:step',
    inputPort: 'port:input',
    outputPort: 'port:output',
    /** A tensor between layers (labelled with its shape). */
    tensor: 'edge:tensor',
    /** An artifact between pipeline steps. */
    artifact: 'edge:artifact',
    typeLabel: 'label:type',
    nameLabel: 'label:name',
    argumentLabel: 'label:argument',
    referenceLabel: 'label:reference',
    moreLabel: 'label:more',
    groupLabel: 'label:group',
    portLabel: 'label:port',
    shapeLabel: 'label:shape',
    /** A diagnostic marker on a layer or step (error or warning). */
    marker: 'marker:issue'
} as const;

/** A source range: where an element came from (zero-based, as in the LSP). */
export interface SourceRange {
    readonly start: { readonly line: number; readonly character: number };
    readonly end: { readonly line: number; readonly character: number };
}

/** What a label edit changes in the text. */
export type LabelEditKind = 'name' | 'argument' | 'attribute';

/** Properties DeepForge adds to every element. */
export interface DeepForgeElement extends SModelElement {
    /** Hover text (an SVG `<title>`): a shape with its parameters, a diagnostic, a layer's summary. */
    hover?: string;
    /** The text range the element came from (click: reveal it in the editor). */
    range?: SourceRange;
}

export type ExecutionStatus = 'pending' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'cached';

export interface DiagramNode extends SNode, DeepForgeElement {
    /** The model node's id (a layer's or a step's name, `b1_conv` inside block call `b1`). */
    modelId?: string;
    /** For groups: whether the group shows its layers. */
    expanded?: boolean;
    /** For steps of a running or finished execution. */
    status?: ExecutionStatus;
    /** Highlighted: the editor's cursor is in its text. */
    highlighted?: boolean;
}

export interface DiagramPort extends SPort, DeepForgeElement {
    /** The port's name in the model (`images`; `in` / `out` for layers). */
    portName?: string;
    /** Which output of several (`lstm[1]`). (Not `index`: Sprotty's elements have one.) */
    outputIndex?: number;
}

export interface DiagramLabel extends SLabel, DeepForgeElement {
    /** Editable labels say what they change; the text edit replaces the traced range. */
    edit?: { readonly kind: LabelEditKind; readonly key?: string };
}

export interface DiagramEdge extends SEdge, DeepForgeElement {}

export interface DiagramMarker extends SModelElement, DeepForgeElement {
    type: typeof T.marker;
    severity: 'error' | 'warning';
    position: { x: number; y: number };
    size: { width: number; height: number };
}

export interface DiagramGraph extends SGraph {
    /** `network`, `pipeline`, or `model`: the generic drawing of any model graph (data-only languages). */
    diagramKind: 'network' | 'pipeline' | 'model';
    /** The graph's name (`DigitsCNN`). */
    name: string;
    /** The document. */
    uri: string;
    /** Laid out provisionally (a new structure, shown while ELK runs): ELK's layout follows. */
    provisional?: boolean;
}

/** Any element below the root. */
export type DiagramChild = DiagramNode | DiagramPort | DiagramLabel | DiagramEdge | DiagramMarker;

/** Appends a child to an element. */
export function addChild(parent: SModelElement, child: DiagramChild): void {
    (parent.children ??= []).push(child);
}

/** Puts edges before nodes in every container, so that they are drawn below them (ports stay on top, clickable). */
export function edgesFirst(element: SModelElement): void {
    if (!element.children) return;
    element.children.sort((a, b) => Number(basicType(b.type) === 'edge') - Number(basicType(a.type) === 'edge'));
    element.children.forEach(edgesFirst);
}

/** The Sprotty basic type of a model element type. */
export function basicType(type: string): string {
    const colon = type.indexOf(':');
    return colon >= 0 ? type.substring(0, colon) : type;
}

/** Custom actions (on top of Sprotty's delete, label edit, select, collapse/expand). */
export const Actions = {
    /** Client → server: add a layer or a step of this type (`Dense`, `TrainDigits`), fed by `from` (an output port id) when given. */
    createNode: 'deepforge.createNode',
    /** Client → server: connect an output port to an input port. */
    createEdge: 'deepforge.createEdge',
    /** Client → server: show this element's text in the editor. */
    reveal: 'deepforge.reveal',
    /** Server → client: the palette (layer types or operations). */
    palette: 'deepforge.palette',
    /** Server → client: highlight these elements (the editor's cursor is in their text). */
    highlight: 'deepforge.highlight',
    /** Server → client: an edit failed or did nothing; a message for the user. */
    notify: 'deepforge.notify'
} as const;

export interface CreateNodeAction {
    kind: typeof Actions.createNode;
    /** The layer type or operation. */
    elementType: string;
    /** An output port the new node takes its input from. */
    from?: string;
}

export interface CreateEdgeAction {
    kind: typeof Actions.createEdge;
    /** An output port id. */
    sourceId: string;
    /** An input port id. */
    targetId: string;
}

export interface RevealAction {
    kind: typeof Actions.reveal;
    elementId: string;
}

export interface PaletteItem {
    readonly label: string;
    /** A group heading (`Convolution`, `Core`, `Operations`). */
    readonly group: string;
    readonly doc?: string;
}

export interface PaletteAction {
    kind: typeof Actions.palette;
    items: PaletteItem[];
}

export interface HighlightAction {
    kind: typeof Actions.highlight;
    elementIds: string[];
}

export interface NotifyAction {
    kind: typeof Actions.notify;
    severity: 'info' | 'warning' | 'error';
    message: string;
}

/**
 * Text geometry: the diagram uses one monospace font (12 px; DejaVu/Liberation Mono advance
 * 0.6 em), so the server sizes nodes exactly as the browser and the SVG export draw them.
 */
export const FONT = {
    family: '"DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace',
    size: 12,
    charWidth: 7.25,
    lineHeight: 16
} as const;

export function textWidth(text: string, size: number = FONT.size): number {
    return Math.ceil(text.length * FONT.charWidth * (size / FONT.size));
}

/** Node widths snap to this step, so that a small edit of a label does not resize (and move) the node. */
export const WIDTH_STEP = 24;

export function snapWidth(width: number): number {
    return Math.ceil(width / WIDTH_STEP) * WIDTH_STEP;
}
