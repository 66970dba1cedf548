import type { LangiumDocument, WorkspaceFolder } from 'langium';
import { DefaultWorkspaceManager } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/** A language whose services provide a built-in library document. */
interface WithLibrary {
    readonly references: { readonly Library?: { readonly document: LangiumDocument } };
}

/**
 * The workspace manager of the DeepForge languages: Langium's, plus the built-in library
 * documents of every language (e.g. the layer types of `.dfnn`), loaded before the files.
 */
export class DeepForgeWorkspaceManager extends DefaultWorkspaceManager {
    constructor(services: LangiumSharedServices) {
        super(services);
    }

    protected override async loadAdditionalDocuments(folders: WorkspaceFolder[], collector: (document: LangiumDocument) => void): Promise<void> {
        await super.loadAdditionalDocuments(folders, collector);
        for (const language of this.serviceRegistry.all) {
            const library = (language as unknown as WithLibrary).references.Library;
            if (library) collector(library.document);
        }
    }
}
