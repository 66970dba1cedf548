import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import { didYouMean } from '../../metamodel/core/index.js';

/**
 * Langium's linker with messages that say what was expected and suggest the closest visible
 * name — "unknown operation `TrainCifr` — did you mean `TrainCifar`?" rather than a generic
 * "Could not resolve reference". The languages' linkers say what each reference is.
 */
export abstract class SuggestingLinker extends DefaultLinker {
    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        if (targetDescription) return error;
        const message = this.unresolvedMessage(refInfo);
        return message ? { ...error, message } : error;
    }

    /** The message for a name that resolves to nothing; undefined keeps Langium's. */
    protected abstract unresolvedMessage(refInfo: ReferenceInfo): string | undefined;

    /** The closest visible name, if it is a plausible typo. */
    protected suggest(refInfo: ReferenceInfo): string | undefined {
        // For one- and two-letter names every short name is "close": no suggestion beats a random one.
        if (refInfo.reference.$refText.length < 3) return undefined;
        const names = this.scopeProvider.getScope(refInfo).getAllElements().map(d => d.name).toArray();
        return didYouMean(refInfo.reference.$refText, names);
    }
}
