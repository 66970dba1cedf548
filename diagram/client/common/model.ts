import { SEdgeImpl, SLabelImpl, SNodeImpl, SPortImpl, SShapeElementImpl } from 'sprotty';
import type { ExecutionStatus, LabelEditKind, SourceRange } from '../../model/diagram-model.js';

/** Client-side model classes: Sprotty's, plus the properties the server sends (copied by the model factory). */
export class DeepForgeNode extends SNodeImpl {
    hover?: string;
    range?: SourceRange;
    modelId?: string;
    expanded?: boolean;
    status?: ExecutionStatus;
    highlighted?: boolean;
}

export class DeepForgePort extends SPortImpl {
    hover?: string;
    portName?: string;
    outputIndex?: number;
}

export class DeepForgeEdge extends SEdgeImpl {
    hover?: string;
    highlighted?: boolean;
}

export class DeepForgeLabel extends SLabelImpl {
    hover?: string;
    edit?: { kind: LabelEditKind; key?: string };
}

export class MarkerElement extends SShapeElementImpl {
    hover?: string;
    severity: 'error' | 'warning' = 'error';
}
