import {
    Cancellation, DefaultReferenceDescriptionProvider, interruptAndCheck, type LangiumDocument, type ReferenceDescription, type ReferenceInfo
} from 'langium';
import { forEachReference } from './ast-walk.js';

/**
 * Langium's reference descriptions (the index behind find-references and re-linking of
 * dependent documents), found without Langium's per-node streams ({@link forEachReference}):
 * the same descriptions, in the same order.
 */
export class DfnnReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const references: ReferenceInfo[] = [];
        forEachReference(document.parseResult.value, info => {
            if (!info.reference.error) references.push(info);
        });
        const descriptions: ReferenceDescription[] = [];
        for (const info of references) {
            await interruptAndCheck(cancelToken);
            for (const description of this.createInfoDescriptions(info)) descriptions.push(description);
        }
        return descriptions;
    }
}
