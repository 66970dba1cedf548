import { DefaultLinker, type AstNodeDescription, type LinkingError, type ReferenceInfo } from 'langium';
import { didYouMean } from '../../../metamodel/core/index.js';
import { isModelNodeDeclaration, isModelPortReference, isModelProperty, isNameExpression } from '../../generated/ast.js';
import type { ModelServices } from '../model-module.js';
import type { MetamodelFile } from '../../../metamodel/core/index.js';

/**
 * The linker of model documents: Langium's, with messages that say what was expected and
 * suggest the closest name of a fitting type — "unknown Source `sklearn` — did you mean
 * `sklearn_data`?" rather than a generic "Could not resolve reference".
 */
export class ModelLinker extends DefaultLinker {
    protected readonly file: MetamodelFile;

    constructor(services: ModelServices) {
        super(services);
        this.file = services.model.MetamodelFile;
    }

    protected override createLinkingError(refInfo: ReferenceInfo, targetDescription?: AstNodeDescription): LinkingError {
        const error = super.createLinkingError(refInfo, targetDescription);
        if (targetDescription) return error;
        const message = this.unresolvedMessage(refInfo);
        return message ? { ...error, message } : error;
    }

    /** The message for a name that resolves to nothing. */
    protected unresolvedMessage(refInfo: ReferenceInfo): string | undefined {
        const name = refInfo.reference.$refText;
        const { container } = refInfo;
        if (isModelPortReference(container)) {
            const suggestion = this.suggest(refInfo, () => true);
            return `unknown node \`${name}\` in this file` + (suggestion ? ` — did you mean \`${suggestion}\`?` : '');
        }
        if (isNameExpression(container)) {
            // JSON's literals, written as the metamodel file writes defaults.
            const literal = ({ true: 'True', false: 'False', null: 'None' } as Record<string, string>)[name.toLowerCase()];
            if (literal && name !== literal) return `\`${name}\` is not a value here: write \`${literal}\``;
            const property = container.$container;
            const owner = isModelProperty(property) ? property.$container : undefined;
            const type = isModelNodeDeclaration(owner) ? this.file.metamodel.get(owner.type) : undefined;
            const reference = type && isModelProperty(property) ? type.references.find(r => r.name === property.name) : undefined;
            if (reference) {
                const metamodel = this.file.metamodel;
                const suggestion = this.suggest(refInfo, description => {
                    const node = description.node;
                    return !isModelNodeDeclaration(node) || metamodel.isA(node.type, reference.target);
                });
                return `unknown ${reference.target} \`${name}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ': no node of that name in this file or the files it imports');
            }
            const suggestion = this.suggest(refInfo, () => true);
            return `undefined name \`${name}\`` + (suggestion ? ` — did you mean \`${suggestion}\`?` : ': no node of that name in this file or the files it imports (strings are quoted: "…")');
        }
        return undefined;
    }

    /** The closest visible name that passes the filter, if it is a plausible typo. */
    protected suggest(refInfo: ReferenceInfo, filter: (description: AstNodeDescription) => boolean): string | undefined {
        // One or two letters are too short to guess from.
        if (refInfo.reference.$refText.length < 3) return undefined;
        const names = this.scopeProvider.getScope(refInfo).getAllElements().filter(filter).map(d => d.name).toArray();
        return didYouMean(refInfo.reference.$refText, names);
    }
}
