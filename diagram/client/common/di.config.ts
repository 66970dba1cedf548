import { ContainerModule } from 'inversify';
import {
    ConsoleLogger, configureModelElement, configureViewerOptions, editLabelFeature, LogLevel, moveFeature, SGraphImpl, SGraphView, TYPES,
    WebSocketDiagramServerProxy
} from 'sprotty';
import { T } from '../../model/diagram-model.js';
import { DeepForgeEdge, DeepForgeLabel, DeepForgePort, MarkerElement } from './model.js';
import { DeepForgeServerProxy } from './server-proxy.js';
import { EdgeView, LabelView, MarkerView, PortView } from './views.js';

/** What both kinds of diagram share: the graph, ports, edges, labels, markers, and the WebSocket to the server. */
export const commonModule = new ContainerModule((bind, unbind, isBound, rebind) => {
    const context = { bind, unbind, isBound, rebind };
    bind(DeepForgeServerProxy).toSelf().inSingletonScope();
    bind(WebSocketDiagramServerProxy).toService(DeepForgeServerProxy);
    bind(TYPES.ModelSource).toService(DeepForgeServerProxy);
    rebind(TYPES.ILogger).to(ConsoleLogger).inSingletonScope();
    rebind(TYPES.LogLevel).toConstantValue(LogLevel.warn);
    configureModelElement(context, T.graph, SGraphImpl, SGraphView);
    configureModelElement(context, T.inputPort, DeepForgePort, PortView, { disable: [moveFeature] });
    configureModelElement(context, T.outputPort, DeepForgePort, PortView, { disable: [moveFeature] });
    configureModelElement(context, T.tensor, DeepForgeEdge, EdgeView);
    configureModelElement(context, T.artifact, DeepForgeEdge, EdgeView);
    for (const type of [T.typeLabel, T.moreLabel, T.portLabel, T.shapeLabel, T.referenceLabel]) configureModelElement(context, type, DeepForgeLabel, LabelView);
    for (const type of [T.nameLabel, T.argumentLabel, T.groupLabel]) configureModelElement(context, type, DeepForgeLabel, LabelView, { enable: [editLabelFeature] });
    configureModelElement(context, T.marker, MarkerElement, MarkerView);
    configureViewerOptions(context, { needsClientLayout: false, needsServerLayout: true, baseDiv: 'sprotty', hiddenDiv: 'sprotty-hidden' });
});
