import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { fileURLToPath } from 'node:url';
import { readMetamodelFile } from '../../../metamodel/core/index.js';
import { createLanguageRegistry } from '../../../languages/builtin-languages.js';
import { createDeepForgeServices, type DeepForgeServices } from '../../../languages/deepforge-module.js';
import { createGenericLanguage, type ModelServices } from '../../../languages/model/index.js';
import type { DomainLanguage } from '../../../languages/registry/domain-language.js';

/** The example data-only extension's folder and metamodel. */
export const datasetsFolder = fileURLToPath(new URL('../../../examples/extensions/datasets/', import.meta.url));
export const catalogueMetamodel = readMetamodelFile(`${datasetsFolder}catalogue.metamodel.json`);

/** The `.dfcat` language of the example extension, as its package.json declares it. */
export const catalogueLanguage: DomainLanguage<ModelServices> = createGenericLanguage({
    id: 'dfcat', title: 'Dataset catalogue', fileExtensions: ['.dfcat'], metamodel: catalogueMetamodel
});

let services: DeepForgeServices | undefined;
let counter = 0;

/** The DeepForge services with the `.dfcat` language registered after the built-ins, as the extension loader does (editor modules included). */
export function deepForgeServices(): DeepForgeServices {
    return (services ??= createDeepForgeServices(EmptyFileSystem, { languages: createLanguageRegistry({ extensions: [catalogueLanguage] }), lsp: true }));
}

/** The `.dfcat` container. */
export function catalogueServices(): ModelServices {
    return deepForgeServices().language<ModelServices>('dfcat');
}

/** Builds `.dfcat` files (name → text) together, with validation, in a fresh in-memory folder. */
export async function buildCatalogues(files: Record<string, string>): Promise<Record<string, LangiumDocument>> {
    const s = catalogueServices();
    const folder = `file:///dfcat-test${++counter}`;
    const documents: Record<string, LangiumDocument> = {};
    for (const [name, text] of Object.entries(files)) {
        documents[name] = s.shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`${folder}/${name}`));
        s.shared.workspace.LangiumDocuments.addDocument(documents[name]);
    }
    await s.shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
    return documents;
}

/** Builds one `.dfcat` document. */
export async function buildCatalogue(text: string): Promise<LangiumDocument> {
    return (await buildCatalogues({ 'test.dfcat': text }))['test.dfcat'];
}

/** A document's diagnostics as `line:col-line:col message` (one-based lines, zero-based columns as in the LSP), in text order. */
export function diagnosticsOf(document: LangiumDocument): string[] {
    const diagnostics = [...(document.diagnostics ?? [])].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return diagnostics.map(d =>
        `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.line + 1}:${d.range.end.character} ${d.message}`);
}
