import { AstNodeHoverProvider } from 'langium/lsp';
import { AstUtils, UriUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { MetamodelFile } from '../../../metamodel/core/index.js';
import { isModelNodeDeclaration, isModelPortReference, isModelProperty, isNameExpression, type ModelNodeDeclaration } from '../../generated/ast.js';
import { leafAt } from '../../lsp/cst.js';
import type { ModelServices } from '../model-module.js';
import { attributeDoc, portDoc, referenceDoc, typeDoc } from './model-docs.js';

/**
 * Hover in model documents, all from the metamodel file: a node's type (doc, attributes with
 * type/default/range, references, ports, containment), an attribute (type, default, range,
 * doc), a reference and the node it names, a port of a connection (arity, doc).
 */
export class ModelHoverProvider extends AstNodeHoverProvider {
    protected readonly file: MetamodelFile;

    constructor(services: ModelServices) {
        super(services);
        this.file = services.model.MetamodelFile;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const at = leafAt(document, params.position);
        if (at) {
            const value = this.hoverAt(at.node, at.property);
            if (value) return { contents: { kind: 'markdown', value }, range: at.leaf.range };
        }
        return undefined;
    }

    protected hoverAt(node: AstNode, property: string | undefined): string | undefined {
        const metamodel = this.file.metamodel;
        if (isModelNodeDeclaration(node) && (property === 'type' || property === 'name')) {
            const type = metamodel.get(node.type);
            if (!type) return undefined;
            return property === 'name' ? `\`\`\`\n${node.type} ${node.name}\n\`\`\`\n\n${typeDoc(type, this.file)}` : typeDoc(type, this.file);
        }
        if (isModelProperty(node) && property === 'name' && isModelNodeDeclaration(node.$container)) {
            const type = metamodel.get(node.$container.type);
            const attribute = type?.attribute(node.name);
            if (attribute) return attributeDoc(attribute, type!.name);
            const reference = type?.references.find(r => r.name === node.name);
            if (reference) return referenceDoc(reference, type!.name);
            return undefined;
        }
        if (isNameExpression(node) && property === 'target') {
            const target = node.target?.ref;
            return isModelNodeDeclaration(target) ? this.nodeSummary(target) : undefined;
        }
        if (isModelPortReference(node)) {
            const target = node.node?.ref;
            if (!isModelNodeDeclaration(target)) return undefined;
            if (property === 'node') return this.nodeSummary(target);
            if (property === 'port') {
                const type = metamodel.get(target.type);
                const outgoing = node.$containerProperty === 'from';
                const port = (outgoing ? type?.outputs : type?.inputs)?.find(p => p.name === node.port);
                return port ? portDoc(port, outgoing ? 'output' : 'input', type!.name) : undefined;
            }
        }
        return undefined;
    }

    /** A node named elsewhere: its type and name, its file, the type's doc. */
    protected nodeSummary(node: ModelNodeDeclaration): string {
        const file = UriUtils.basename(AstUtils.getDocument(node).uri);
        const doc = this.file.metamodel.get(node.type)?.definition.doc;
        return [`\`\`\`\n${node.type} ${node.name}\n\`\`\``, `in \`${file}\``, doc].filter(Boolean).join('\n\n');
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        return this.hoverAt(node, 'name');
    }
}
