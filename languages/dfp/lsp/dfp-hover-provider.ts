import { AstUtils, UriUtils, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { describeType, formatValue, fromJs } from '../../../metamodel/core/index.js';
import {
    isArgument, isBlock, isNameExpression, isNetwork, isOperation, isPipeline, isResourceEntry, isStep, isStepInput, type Operation, type Step
} from '../../generated/ast.js';
import { isResourceKey, RESOURCE_KEYS } from '../../../metamodel/pipeline/resources.js';
import { leafAt } from '../../lsp/cst.js';
import type { DfpOperationInfo } from './dfp-operation-info.js';
import type { DfpLspServices } from './dfp-lsp-module.js';

/**
 * Hover in `.dfp` files: an operation (at a step or its declaration) shows its interface —
 * declared or inferred from the code — its doc and where its code is (`operations/train.py:3`);
 * a step shows its operation and outputs; a port or keyword argument shows its declaration; a
 * network reference names the network and its file.
 */
export class DfpHoverProvider extends AstNodeHoverProvider {
    protected readonly info: DfpOperationInfo;

    constructor(services: DfpLspServices) {
        super(services);
        this.info = services.lsp.OperationInfo;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const at = leafAt(document, params.position);
        if (at) {
            const value = this.hoverAt(at.node, at.property);
            if (value) return { contents: { kind: 'markdown', value }, range: at.leaf.range };
        }
        return super.getHoverContent(document, params);
    }

    protected hoverAt(node: AstNode, property: string | undefined): string | undefined {
        if (isStep(node) && property === 'operation') return node.operation?.ref ? this.operationHover(node.operation.ref) : undefined;
        if (isStep(node) && property === 'name') return this.stepHover(node);
        if (isOperation(node) && property === 'name') return this.operationHover(node);
        if (isStepInput(node)) {
            if (property === 'source') return isStep(node.source?.ref) ? this.stepHover(node.source.ref) : undefined;
            const step = node.$container;
            if (property === 'port' && step.operation?.ref) return this.portHover(step.operation.ref, 'inputs', node.port!);
            if (property === 'output' && isStep(node.source?.ref) && node.source.ref.operation?.ref) return this.portHover(node.source.ref.operation.ref, 'outputs', node.output!);
        }
        if (isArgument(node) && property === 'name' && isStep(node.$container) && node.$container.operation?.ref) {
            return this.argumentHover(node.$container.operation.ref, node.name!);
        }
        if (isResourceEntry(node) && property === 'name') return this.resourceHover(node.name);
        if (isNameExpression(node) && property === 'target') {
            const target = node.target?.ref;
            if (isNetwork(target) || isBlock(target) || isOperation(target) || isPipeline(target)) {
                if (isOperation(target)) return this.operationHover(target);
                const file = UriUtils.basename(AstUtils.getDocument(target).uri);
                return `\`\`\`python\n${target.$type.toLowerCase()} ${target.name}\n\`\`\`\n\nin \`${file}\``;
            }
        }
        return undefined;
    }

    /** A `resources` key: what it asks for and the sbatch option it becomes. */
    protected resourceHover(key: string): string | undefined {
        if (!isResourceKey(key)) return undefined;
        const spec = RESOURCE_KEYS[key];
        return `\`${key}\`: ${spec.description} (${spec.type}; Slurm \`sbatch ${spec.sbatch}\`, overriding config \`slurm.${key}\`; the local compute ignores it)`;
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        return this.hoverAt(node, 'name');
    }

    /** An operation's interface, doc and code location. */
    protected operationHover(operation: Operation): string {
        const resolved = this.info.resolve(operation);
        const spec = resolved.spec;
        const lines = [`\`\`\`python\n${this.info.formatInterface(spec)}\n\`\`\``];
        const kind = spec.builtin ? 'built-in operation' : resolved.inferred ? 'operation (interface inferred from its code)' : 'operation';
        lines.push(`*${kind}*` + (spec.doc ? ` — ${spec.doc}` : ''));
        const location = this.info.classLocation(operation);
        if (location && resolved.code) lines.push(`Code: [\`${resolved.code.path}:${location.range.start.line + 1}\`](${location.uri}#L${location.range.start.line + 1}) — \`class ${operation.name}\``);
        else if (resolved.code) lines.push(`Code: \`${resolved.code.path}\` (${resolved.code.status === 'read' ? `no class \`${operation.name}\`` : resolved.code.status})`);
        if (spec.environment) lines.push(`Environment: \`${spec.environment}\``);
        const resources = Object.entries(spec.resources ?? {}).map(([key, value]) => `${key}: ${JSON.stringify(value)}`);
        if (resources.length) lines.push(`Resources: \`${resources.join(', ')}\``);
        return lines.join('\n\n');
    }

    protected stepHover(step: Step): string | undefined {
        const operation = step.operation?.ref;
        if (!operation) return undefined;
        const outputs = this.info.resolve(operation).spec.outputs.map(o => `\`${step.name}.${o.name}\``);
        return `\`\`\`python\n${step.name ?? ''} = ${operation.name}(…)\n\`\`\`\n\nstep of \`${operation.name}\`` + (outputs.length > 0 ? `; outputs ${outputs.join(', ')}` : '');
    }

    protected portHover(operation: Operation, side: 'inputs' | 'outputs', name: string): string | undefined {
        const port = this.info.resolve(operation).spec[side].find(p => p.name === name);
        if (!port) return undefined;
        const required = side === 'inputs' ? (port.required === false ? ' (optional)' : ' (required)') : '';
        return `\`\`\`python\n${port.name}${port.typeName ? `: ${port.typeName}` : ''}\n\`\`\`\n\n${side === 'inputs' ? 'input' : 'output'} of \`${operation.name}\`${required}`;
    }

    protected argumentHover(operation: Operation, name: string): string | undefined {
        const spec = this.info.resolve(operation).spec;
        const attribute = spec.attributes.find(a => a.name === name);
        if (attribute) {
            const bounds = attribute.min !== undefined || attribute.max !== undefined ? ` [${attribute.min ?? ''}..${attribute.max ?? ''}]` : '';
            const value = attribute.default === undefined ? '' : ` = ${formatValue(fromJs(attribute.default))}`;
            return `\`\`\`python\n${name}: ${describeType(attribute.type)}${value}${bounds}\n\`\`\`\n\nattribute of \`${operation.name}\`${attribute.required ? ' (required)' : ''}`;
        }
        const reference = spec.references.find(r => r.name === name);
        return reference ? `\`\`\`python\n${name}: ${reference.kind}\n\`\`\`\n\nreference of \`${operation.name}\`` : undefined;
    }
}
