import { DefaultServiceRegistry, UriUtils, type LangiumCoreServices, type URI } from 'langium';

/**
 * Langium's service registry picks a document's language by the `languageId` of its open editor
 * buffer first, by its file extension second. Some clients send one language id for every file
 * a server manages — eglot before 1.16 (Emacs 28/29) opens `digits.dfp` as `"dfnn"` when the
 * server was started from a `.dfnn` buffer — and the pipeline would be parsed as a network.
 * Here a file with a registered extension (`.dfnn`, `.dfp`, an extension language's) is always
 * its extension's language; the `languageId` decides only for other URIs (an untitled buffer).
 */
export class DeepForgeServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        const byExtension = this.fileNameMap.get(UriUtils.basename(uri)) ?? this.fileExtensionMap.get(UriUtils.extname(uri));
        return byExtension ?? super.getServices(uri);
    }
}
