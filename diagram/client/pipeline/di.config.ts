import { ContainerModule } from 'inversify';
import { configureModelElement, moveFeature, selectFeature } from 'sprotty';
import { T } from '../../model/diagram-model.js';
import { DeepForgeNode } from '../common/model.js';
import { StepNodeView } from './views.js';

/** Pipeline diagrams: steps with named ports. */
export const pipelineModule = new ContainerModule((bind, unbind, isBound, rebind) => {
    const context = { bind, unbind, isBound, rebind };
    configureModelElement(context, T.step, DeepForgeNode, StepNodeView, { disable: [moveFeature], enable: [selectFeature] });
});
