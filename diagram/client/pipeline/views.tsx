/** @jsx svg */
import { injectable } from 'inversify';
import { ShapeView, svg, type RenderingContext } from 'sprotty';
import type { VNode } from 'snabbdom';
import type { DeepForgeNode } from '../common/model.js';
import { title } from '../common/views.js';

/**
 * A pipeline step: input ports along the top, output ports along the bottom (labelled inside),
 * the operation and the step's name, attributes and references. Input and Output steps and the
 * execution status (pending, queued, running, succeeded, failed, cancelled) are CSS classes.
 */
@injectable()
export class StepNodeView extends ShapeView {
    render(node: Readonly<DeepForgeNode>, context: RenderingContext): VNode | undefined {
        if (!this.isVisible(node, context)) return undefined;
        return <g class-df-node={true} class-df-step={true} class-selected={node.selected} class-highlighted={node.highlighted === true}>
            <rect class-df-node-box={true} width={Math.max(node.size.width, 0)} height={Math.max(node.size.height, 0)} rx={6} />
            {context.renderChildren(node)}{...title(node.hover)}
        </g>;
    }
}
