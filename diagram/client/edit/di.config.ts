import { ContainerModule } from 'inversify';
import { configureActionHandler, configureCommand, ScrollMouseListener, SetModelCommand, TYPES, UpdateModelCommand } from 'sprotty';
import { Actions } from '../../model/diagram-model.js';
import { DeleteKeyListener, EditMouseListener, HighlightCommand, PageActionHandler, PortAwareScrollMouseListener } from './tools.js';

/** Editing in the diagram: connect ports, delete, collapse groups, reveal text, highlight, palette and messages. */
export const editModule = new ContainerModule((bind, unbind, isBound, rebind) => {
    const context = { bind, unbind, isBound, rebind };
    rebind(ScrollMouseListener).to(PortAwareScrollMouseListener).inSingletonScope();
    bind(EditMouseListener).toSelf().inSingletonScope();
    bind(TYPES.MouseListener).toService(EditMouseListener);
    bind(DeleteKeyListener).toSelf().inSingletonScope();
    bind(TYPES.KeyListener).toService(DeleteKeyListener);
    configureCommand(context, HighlightCommand);
    bind(PageActionHandler).toSelf().inSingletonScope();
    configureActionHandler(context, Actions.palette, PageActionHandler);
    configureActionHandler(context, Actions.notify, PageActionHandler);
    configureActionHandler(context, SetModelCommand.KIND, PageActionHandler);
    configureActionHandler(context, UpdateModelCommand.KIND, PageActionHandler);
});
