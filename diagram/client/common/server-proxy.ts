import { injectable } from 'inversify';
import { WebSocketDiagramServerProxy, type ActionHandlerRegistry } from 'sprotty';
import { ApplyLabelEditAction, DeleteElementAction, SelectAction } from 'sprotty-protocol';
import { Actions } from '../../model/diagram-model.js';

/** The WebSocket to the diagram server, forwarding DeepForge's edit actions too. */
@injectable()
export class DeepForgeServerProxy extends WebSocketDiagramServerProxy {
    override initialize(registry: ActionHandlerRegistry): void {
        super.initialize(registry);
        for (const kind of [DeleteElementAction.KIND, ApplyLabelEditAction.KIND, Actions.createNode, Actions.createEdge, Actions.reveal]) {
            registry.register(kind, this);
        }
        void SelectAction;
    }
}
