/** @jsx svg */
import { injectable } from 'inversify';
import { ShapeView, svg, type RenderingContext } from 'sprotty';
import type { VNode } from 'snabbdom';
import type { DeepForgeNode } from '../common/model.js';
import { title } from '../common/views.js';

/** A layer: a rounded box with its type, name and first arguments; red when it has an error. */
@injectable()
export class LayerNodeView extends ShapeView {
    render(node: Readonly<DeepForgeNode>, context: RenderingContext): VNode | undefined {
        if (!this.isVisible(node, context)) return undefined;
        return <g class-df-node={true} class-df-layer={true} class-selected={node.selected} class-highlighted={node.highlighted === true}>
            <rect class-df-node-box={true} width={Math.max(node.size.width, 0)} height={Math.max(node.size.height, 0)} rx={5} />
            {context.renderChildren(node)}{...title(node.hover)}
        </g>;
    }
}

/** A block call: a dashed frame around its layers with a ▾/▸ toggle, or a single box when collapsed. */
@injectable()
export class GroupNodeView extends ShapeView {
    render(node: Readonly<DeepForgeNode>, context: RenderingContext): VNode | undefined {
        if (!this.isVisible(node, context)) return undefined;
        return <g class-df-node={true} class-df-group={true} class-collapsed={!node.expanded} class-selected={node.selected} class-highlighted={node.highlighted === true}>
            <rect class-df-group-box={true} width={Math.max(node.size.width, 0)} height={Math.max(node.size.height, 0)} rx={7} />
            <text class-df-toggle={true} x={8} y={17}>{node.expanded ? '▾' : '▸'}</text>
            {context.renderChildren(node)}{...title(node.hover)}
        </g>;
    }
}
