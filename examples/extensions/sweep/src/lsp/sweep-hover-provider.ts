import { AstUtils, CstUtils, GrammarAST, UriUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { isObjective, isParameter, isSweep } from '../generated/ast.js';
import { isPipelineNode, isStepNode, type PipelineIndex } from '../references/pipeline-index.js';
import type { SweepServices } from '../sweep-module.js';
import { attributeHover, stepHover } from './attribute-docs.js';

/**
 * Hover in `.sweep` files: the pipeline (its file and named steps), a step (its operation and
 * the attributes it has, with types, defaults and ranges) and a swept attribute (its
 * declaration in the operation: type, default, range, doc).
 */
export class SweepHoverProvider extends AstNodeHoverProvider {
    protected readonly pipelineIndex: PipelineIndex;

    constructor(services: SweepServices) {
        super(services);
        this.pipelineIndex = services.references.PipelineIndex;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult?.value?.$cstNode;
        if (root) {
            const offset = document.textDocument.offsetAt(params.position);
            const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, /^[\w"']/);
            if (leaf && leaf.offset + leaf.length >= offset) {
                const property = AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isAssignment)?.feature;
                const value = this.hoverAt(leaf.astNode, property);
                if (value) return { contents: { kind: 'markdown', value }, range: leaf.range };
            }
        }
        return super.getHoverContent(document, params);
    }

    protected hoverAt(node: AstNode, property: string | undefined): string | undefined {
        if (isSweep(node) && property === 'pipeline') {
            const pipeline: unknown = node.pipeline?.ref;
            if (!isPipelineNode(pipeline)) return undefined;
            const file = UriUtils.basename(AstUtils.getDocument(pipeline).uri);
            const steps = this.pipelineIndex.steps(pipeline).map(s => `\`${s.name}\``).join(', ');
            return ['```python', `pipeline ${pipeline.name}`, '```', '', `in \`${file}\`; steps: ${steps || 'none named'}`].join('\n');
        }
        if ((isParameter(node) || isObjective(node)) && property === 'step') {
            const step: unknown = node.step?.ref;
            if (!isStepNode(step)) return undefined;
            return stepHover(step.name!, this.pipelineIndex.operationSpec(step), node.$container.pipeline?.$refText ?? '');
        }
        if (isParameter(node) && property === 'attribute') {
            const step: unknown = node.step?.ref;
            if (!isStepNode(step)) return undefined;
            const spec = this.pipelineIndex.operationSpec(step);
            const attribute = spec?.attributes.find(a => a.name === node.attribute);
            return spec && attribute ? attributeHover(step.name!, spec, attribute) : undefined;
        }
        return undefined;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        if (isStepNode(node)) {
            const pipeline = node.$container;
            return stepHover(node.name ?? '?', this.pipelineIndex.operationSpec(node), isPipelineNode(pipeline) ? pipeline.name : '');
        }
        return undefined;
    }
}
