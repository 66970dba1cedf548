import { AstUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import {
    isArgument, isBlock, isBlockInput, isCallExpression, isLayerStatement, isLayerType, isNameExpression, isNetwork, isParameter,
    isSharedLayer, type Argument, type LayerStatement, type SharedLayer
} from '../../generated/ast.js';
import { leafAt } from '../../lsp/cst.js';
import type { DfnnAnalyzer } from '../analysis/dfnn-analyzer.js';
import type { DfnnLspServices } from './dfnn-lsp-module.js';
import { formatCount, formatParameter, type CallableSignature, type DfnnLayerInfo, type StatementInfo } from './dfnn-layer-info.js';

/**
 * Hover in `.dfnn` files:
 * - a layer type (at a call or in the library): its doc and signature with defaults; at a call,
 *   also the statement's inferred output shape and parameter count;
 * - a statement's name, or a name referring to it: its output shape and parameter count;
 * - a keyword argument: the parameter's type, default and doc;
 * - a block or network: its signature, and a network's parameter total.
 * Shapes and counts come from the analyzer's cached analysis ({@link DfnnLayerInfo}).
 */
export class DfnnHoverProvider extends AstNodeHoverProvider {
    protected readonly info: DfnnLayerInfo;
    protected readonly analyzer: DfnnAnalyzer;

    constructor(services: DfnnLspServices) {
        super(services);
        this.info = services.lsp.LayerInfo;
        this.analyzer = services.analysis.Analyzer;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const at = leafAt(document, params.position);
        if (at) {
            const value = this.hoverAt(at.node, at.property);
            if (value) return { contents: { kind: 'markdown', value }, range: at.leaf.range };
        }
        return super.getHoverContent(document, params);
    }

    /** The markdown for a leaf of `node` assigned to `property`; `undefined` to fall back to Langium's. */
    protected hoverAt(node: AstNode, property: string | undefined): string | undefined {
        if ((isLayerStatement(node) || isSharedLayer(node)) && property === 'callee') {
            const target = node.callee?.ref;
            return target ? this.calleeHover(target, node) : undefined;
        }
        if ((isLayerStatement(node) || isSharedLayer(node)) && property === 'name') return this.statementHover(node);
        if (isNameExpression(node) && property === 'target') {
            const target = node.target?.ref;
            if (isLayerStatement(target) || isSharedLayer(target)) return this.statementHover(target);
            if (isParameter(target) || isBlockInput(target)) return this.declarationHover(target);
            return undefined;
        }
        if (isArgument(node) && property === 'name') return this.argumentHover(node);
        if (isCallExpression(node) && property === 'callee') {
            const signature = this.info.signature(node.callee);
            return signature ? this.signatureHover(signature) : undefined;
        }
        if ((isLayerType(node) || isBlock(node) || isNetwork(node)) && property === 'name') return this.calleeHover(node);
        if (isParameter(node) || isBlockInput(node)) return this.declarationHover(node);
        return undefined;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        return this.hoverAt(node, 'name');
    }

    /** A callee: its signature and doc; at a statement, the statement's shape and weights too. */
    protected calleeHover(callee: AstNode, statement?: LayerStatement | SharedLayer): string | undefined {
        const signature = this.info.signature(callee);
        const parts: string[] = [];
        if (signature) parts.push(this.signatureHover(signature));
        if (isNetwork(callee)) {
            const graph = this.analyzer.analyze(AstUtils.getDocument(callee)).graphs.find(g => g.lowered.source === callee);
            if (graph?.analysis.complete) parts.push(`Total parameters: ${formatCount(graph.analysis.total)} (${formatCount(graph.analysis.trainable)} trainable)`);
        }
        if (statement) {
            const info = this.statementLines(statement);
            if (info) parts.push(info);
        }
        return parts.length > 0 ? parts.join('\n\n---\n\n') : undefined;
    }

    protected signatureHover(signature: CallableSignature): string {
        const lines = [`\`\`\`python\n${this.info.formatSignature(signature)}\n\`\`\``];
        lines.push(`*${signature.kind}*` + (signature.doc ? ` — ${signature.doc}` : ''));
        const rows = signature.parameters.map(p => `| \`${p.name}\` | ${p.type ?? ''} | ${p.default === undefined ? (p.required ? 'required' : '') : `\`${p.default}\``} |`);
        if (rows.length > 0) lines.push(['| argument | type | default |', '|---|---|---|', ...rows].join('\n'));
        return lines.join('\n\n');
    }

    /** A statement: `name: Type` with its output shape and parameter count. */
    protected statementHover(statement: LayerStatement | SharedLayer): string {
        const callee = statement.callee?.$refText ?? '';
        const head = `\`\`\`python\n${isSharedLayer(statement) ? 'shared ' : ''}${statement.name} = ${callee}(…)\n\`\`\``;
        const info = this.statementLines(statement);
        return info ? `${head}\n\n${info}` : head;
    }

    /** `Output shape: (None, 16, 16, 32)` and `Parameters: 896 (896 trainable)`, as far as known. */
    protected statementLines(statement: LayerStatement | SharedLayer): string | undefined {
        const info: StatementInfo | undefined = this.info.statementInfo(statement);
        if (!info) return undefined;
        const lines: string[] = [];
        if (info.outputs && info.outputs.length > 0) {
            lines.push(`Output shape${info.outputs.length > 1 ? 's' : ''}: \`${this.info.formatShapes(info.outputs)}\``);
        }
        if (info.sharesWeightsWith) {
            lines.push(`Parameters: shared with \`${info.sharesWeightsWith}\``);
        } else if (info.trainable !== undefined && info.nonTrainable !== undefined) {
            const total = info.trainable + info.nonTrainable;
            lines.push(`Parameters: ${formatCount(total)}` + (info.nonTrainable > 0 ? ` (${formatCount(info.trainable)} trainable, ${formatCount(info.nonTrainable)} non-trainable)` : ''));
        }
        return lines.length > 0 ? lines.join('  \n') : undefined;
    }

    /** A keyword argument: the parameter it sets. */
    protected argumentHover(argument: Argument): string | undefined {
        const container = argument.$container;
        const callee = isLayerStatement(container) || isSharedLayer(container) ? container.callee?.ref
            : isCallExpression(container) ? container.callee : undefined;
        if (!callee) return undefined;
        const signature = this.info.signature(callee);
        const parameter = signature?.parameters.find(p => p.name === argument.name);
        if (!signature || !parameter) return undefined;
        const lines = [`\`\`\`python\n${formatParameter(parameter)}\n\`\`\``, `argument of \`${signature.name}\`` + (parameter.type ? `: ${parameter.type}` : '')
            + (parameter.required ? ' (required)' : '')];
        if (parameter.doc) lines.push(parameter.doc);
        return lines.join('\n\n');
    }

    protected declarationHover(node: AstNode): string | undefined {
        if (isParameter(node)) {
            return `\`\`\`python\n${node.name}${node.type ? `: ${node.type}` : ''}${node.default?.$cstNode ? ` = ${node.default.$cstNode.text}` : ''}\n\`\`\`\n\nblock parameter`;
        }
        if (isBlockInput(node)) return `\`\`\`python\ninputs ${node.name}\n\`\`\`\n\nblock input`;
        return undefined;
    }
}
