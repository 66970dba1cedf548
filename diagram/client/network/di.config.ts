import { ContainerModule } from 'inversify';
import { configureModelElement, editLabelFeature, moveFeature, selectFeature } from 'sprotty';
import { T } from '../../model/diagram-model.js';
import { DeepForgeNode } from '../common/model.js';
import { GroupNodeView, LayerNodeView } from './views.js';

/** Network diagrams: layers and block groups. */
export const networkModule = new ContainerModule((bind, unbind, isBound, rebind) => {
    const context = { bind, unbind, isBound, rebind };
    configureModelElement(context, T.layer, DeepForgeNode, LayerNodeView, { disable: [moveFeature], enable: [selectFeature] });
    configureModelElement(context, T.group, DeepForgeNode, GroupNodeView, { disable: [moveFeature], enable: [selectFeature] });
    void editLabelFeature;
});
