import { inject, injectable } from 'inversify';
import {
    CommandExecutionContext, KeyListener, SChildElementImpl, MouseListener, ScrollMouseListener, SModelElementImpl, SModelRootImpl, SystemCommand, TYPES,
    findParentByFeature, isSelectable, type CommandReturn, type IActionDispatcher, type IActionHandler, type ICommand
} from 'sprotty';
import { CollapseExpandAction, DeleteElementAction, type Action } from 'sprotty-protocol';
import { Actions, T, type CreateEdgeAction, type HighlightAction, type NotifyAction, type PaletteAction, type RevealAction } from '../../model/diagram-model.js';
import type { DeepForgeNode } from '../common/model.js';

/** Dragging from a port draws a connection, not a pan of the view. */
@injectable()
export class PortAwareScrollMouseListener extends ScrollMouseListener {
    override mouseDown(target: SModelElementImpl, event: MouseEvent): (Action | Promise<Action>)[] {
        if (portOf(target)) return [];
        return super.mouseDown(target, event);
    }
}

function portOf(target: SModelElementImpl): SModelElementImpl | undefined {
    if (target.type === T.outputPort || target.type === T.inputPort) return target;
    const parent = target instanceof SChildElementImpl ? target.parent : undefined;
    if (parent && (parent.type === T.outputPort || parent.type === T.inputPort)) return parent;
    return undefined;
}

/**
 * Connect: press on an output port, release on an input port (or the other way round) →
 * `deepforge.createEdge`. Click a block's ▾/▸ → collapse/expand it. Click a node → reveal its text.
 */
@injectable()
export class EditMouseListener extends MouseListener {
    protected source?: string;
    protected down?: { x: number; y: number };

    override mouseDown(target: SModelElementImpl, event: MouseEvent): (Action | Promise<Action>)[] {
        this.source = portOf(target)?.id;
        this.down = { x: event.clientX, y: event.clientY };
        document.body.classList.toggle('df-connecting', this.source !== undefined);
        return [];
    }

    override mouseUp(target: SModelElementImpl, event: MouseEvent): (Action | Promise<Action>)[] {
        const source = this.source;
        this.source = undefined;
        document.body.classList.remove('df-connecting');
        const port = portOf(target);
        if (source && port && port.id !== source) {
            const action: CreateEdgeAction = { kind: Actions.createEdge, sourceId: source, targetId: port.id };
            return [action as unknown as Action];
        }
        const moved = this.down ? Math.abs(event.clientX - this.down.x) + Math.abs(event.clientY - this.down.y) > 4 : false;
        if (moved) return [];
        const element = event.target as Element | null;
        if (element?.classList?.contains('df-toggle')) {
            const group = findParentByFeature(target, (e): e is SModelElementImpl => e.type === T.group) as unknown as DeepForgeNode | undefined;
            if (group) return [CollapseExpandAction.create(group.expanded ? { collapseIds: [group.id] } : { expandIds: [group.id] })];
        }
        const node = findParentByFeature(target, (e): e is SModelElementImpl => e.type === T.layer || e.type === T.step || e.type === T.group);
        if (node) {
            const reveal: RevealAction = { kind: Actions.reveal, elementId: node.id };
            return [reveal as unknown as Action];
        }
        return [];
    }
}

/** Delete (or Backspace) removes the selected nodes and edges. */
@injectable()
export class DeleteKeyListener extends KeyListener {
    override keyDown(element: SModelElementImpl, event: KeyboardEvent): Action[] {
        if (event.key !== 'Delete' && event.key !== 'Backspace') return [];
        if ((event.target as HTMLElement | null)?.tagName === 'INPUT') return [];
        const ids = Array.from(element.root.index.all().filter(e => isSelectable(e) && e.selected).map(e => e.id));
        return ids.length > 0 ? [DeleteElementAction.create(ids)] : [];
    }
}

/** Marks the elements the editor's cursor is in (`deepforge.highlight` from the server). */
@injectable()
export class HighlightCommand extends SystemCommand {
    static readonly KIND = Actions.highlight;

    constructor(@inject(TYPES.Action) protected readonly action: HighlightAction) {
        super();
    }

    execute(context: CommandExecutionContext): CommandReturn {
        const ids = new Set(this.action.elementIds);
        for (const element of context.root.index.all()) {
            if ('highlighted' in element || ids.has(element.id)) (element as unknown as { highlighted: boolean }).highlighted = ids.has(element.id);
        }
        return context.root;
    }

    undo(context: CommandExecutionContext): SModelRootImpl {
        return context.root;
    }

    redo(context: CommandExecutionContext): SModelRootImpl {
        return context.root;
    }
}

/** What the page shows around the diagram: the palette and messages. */
export interface PageHooks {
    palette(action: PaletteAction): void;
    notify(action: NotifyAction): void;
    modelChanged(action: Action): void;
}

export const PAGE_HOOKS = Symbol('PageHooks');

/** Hands the palette and messages from the server to the page. */
@injectable()
export class PageActionHandler implements IActionHandler {
    @inject(PAGE_HOOKS) protected readonly hooks!: PageHooks;
    @inject(TYPES.IActionDispatcher) protected readonly dispatcher!: IActionDispatcher;

    handle(action: Action): void | ICommand | Action {
        if (action.kind === Actions.palette) this.hooks.palette(action as PaletteAction);
        else if (action.kind === Actions.notify) this.hooks.notify(action as NotifyAction);
        else this.hooks.modelChanged(action);
    }
}
