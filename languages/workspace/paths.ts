import { UriUtils, type URI } from 'langium';

/** A UTF-16 surrogate without its pair. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The URI of a path written in a document (`import "…"`, `code "…"`, `environment "…"`), relative
 * to the document's folder. A buffer from an editor may hold lone surrogates (JSON-RPC carries them
 * as `\uD800` escapes), which no URI can encode (`toString()` throws `URIError`): they become
 * U+FFFD, so the path is simply one that does not exist.
 */
export function resolveDocumentPath(document: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(document), path.replace(LONE_SURROGATE, '\uFFFD'));
}
