import {
    AstUtils, Cancellation, DefaultReferenceDescriptionProvider, DocumentState, GrammarAST, interruptAndCheck, type LangiumDocument,
    type ReferenceDescription, type ReferenceInfo
} from 'langium';
import { forEachReference } from './ast-walk.js';

/**
 * Langium's reference descriptions (the index behind find-references and re-linking of
 * dependent documents), without walking the AST again: once a document is linked, its
 * `references` hold every reference of the document in AST order (the linker records each
 * as it resolves it), and each reference's CST node knows its container. The same
 * descriptions, in the same order (tested against Langium's provider).
 */
export class DfnnReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const references: ReferenceInfo[] = [];
        if (document.state >= DocumentState.Linked) {
            for (const reference of document.references) {
                const refNode = reference.$refNode;
                if (!refNode || reference.error) continue;
                const property = AstUtils.getContainerOfType(refNode.grammarSource, GrammarAST.isAssignment)?.feature ?? '';
                references.push({ reference, container: refNode.astNode, property });
            }
        } else {
            forEachReference(document.parseResult.value, info => {
                if (!info.reference.error) references.push(info);
            });
        }
        const descriptions: ReferenceDescription[] = [];
        for (const info of references) {
            await interruptAndCheck(cancelToken);
            for (const description of this.createInfoDescriptions(info)) descriptions.push(description);
        }
        return descriptions;
    }
}
