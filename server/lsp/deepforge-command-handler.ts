import { AbstractExecuteCommandHandler, type ExecuteCommandAcceptor } from 'langium/lsp';

/** The command that answers the address of a document's diagram page. */
export const OPEN_DIAGRAM_COMMAND = 'deepforge.openDiagram';

/** What answers {@link OPEN_DIAGRAM_COMMAND}: the diagram server, once it listens. */
export interface DiagramAddresses {
    /** `http://127.0.0.1:PORT/?uri=…&name=…`. */
    urlFor(uri: string, name?: string): Promise<string>;
}

/**
 * `workspace/executeCommand` of the language server: `deepforge.openDiagram [uri, name?]` returns
 * the address of the diagram page of a document (its first network or pipeline, or `name`).
 * The diagram server is attached after the services are made (see `server/lsp/main.ts`).
 */
export class DeepForgeCommandHandler extends AbstractExecuteCommandHandler {
    diagrams?: DiagramAddresses;

    registerCommands(accept: ExecuteCommandAcceptor): void {
        accept(OPEN_DIAGRAM_COMMAND, async args => {
            const [uri, name] = args as [unknown, unknown];
            if (typeof uri !== 'string') throw new Error(`${OPEN_DIAGRAM_COMMAND} expects a document URI`);
            if (!this.diagrams) throw new Error('diagrams are turned off in this language server');
            return this.diagrams.urlFor(uri, typeof name === 'string' ? name : undefined);
        });
    }
}
