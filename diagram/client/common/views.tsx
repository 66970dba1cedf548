/** @jsx svg */
import { injectable } from 'inversify';
import { PolylineEdgeView, ShapeView, svg, type IView, type RenderingContext, type SChildElementImpl, type SEdgeImpl } from 'sprotty';
import type { Point } from 'sprotty-protocol';
import type { VNode } from 'snabbdom';
import type { DeepForgeEdge, DeepForgeLabel, DeepForgePort, MarkerElement } from './model.js';

/** A `<title>` child: the browser's tooltip (and what the SVG export keeps). */
export function title(text: string | undefined): VNode[] {
    return text ? [<title>{text}</title>] : [];
}

/** A text label: its position is its box's top left; the baseline sits 12 px lower. */
@injectable()
export class LabelView extends ShapeView {
    render(label: Readonly<DeepForgeLabel>, _context: RenderingContext): VNode | undefined {
        const kind = { [`class-df-${label.type.substring(label.type.indexOf(':') + 1)}`]: true };
        return <text {...kind} class-df-label={true} class-editable={label.edit !== undefined} y={label.type === 'label:shape' ? 11 : 12}>
            {label.text}{...title(label.hover)}
        </text>;
    }
}

/** A port: a small square on the node's border. */
@injectable()
export class PortView extends ShapeView {
    render(element: Readonly<SChildElementImpl>, context: RenderingContext): VNode | undefined {
        const port = element as unknown as DeepForgePort;
        return <g class-df-port={true} class-selected={port.selected}>
            <rect class-df-port-box={true} width={port.size.width} height={port.size.height} rx={1} />
            {context.renderChildren(port)}{...title(port.hover)}
        </g>;
    }
}

/** A diagnostic marker: a round badge with its messages as hover text. */
@injectable()
export class MarkerView implements IView {
    render(marker: Readonly<MarkerElement>, _context: RenderingContext): VNode | undefined {
        const r = marker.size.width / 2;
        return <g class-df-marker={true} class-error={marker.severity === 'error'} class-warning={marker.severity === 'warning'}>
            <circle cx={r} cy={r} r={r} />
            <text x={r} y={r + 4} class-df-marker-text={true}>{marker.severity === 'error' ? '!' : '?'}</text>
            {...title(marker.hover)}
        </g>;
    }
}

/** An edge with an arrow head; its hover text on a wide invisible stroke. */
@injectable()
export class EdgeView extends PolylineEdgeView {
    protected override renderLine(edge: SEdgeImpl, segments: Point[], _context: RenderingContext): VNode {
        const path = segments.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x},${p.y}`).join(' ');
        return <path d={path} class-df-edge-line={true} />;
    }

    protected override renderAdditionals(edge: SEdgeImpl, segments: Point[], _context: RenderingContext): VNode[] {
        const path = segments.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x},${p.y}`).join(' ');
        const end = segments[segments.length - 1];
        const before = segments[segments.length - 2] ?? end;
        const angle = Math.atan2(end.y - before.y, end.x - before.x) * 180 / Math.PI;
        return [
            <path d={path} class-df-edge-hit={true}>{...title((edge as DeepForgeEdge).hover)}</path>,
            <path d="M 0,0 L -8,-4 L -8,4 Z" class-df-arrow={true} transform={`translate(${end.x},${end.y}) rotate(${angle})`} />
        ];
    }
}
