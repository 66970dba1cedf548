import { AstUtils } from 'langium';
import { describeType, formatValue, fromJs } from '../../../metamodel/core/index.js';
import type { OperationSpec } from '../../../metamodel/pipeline/index.js';
import type { Operation } from '../../generated/ast.js';
import type { OperationInterfaces, ResolvedOperation } from '../analysis/operation-interfaces.js';
import type { DfpServices } from '../dfp-module.js';
import type { CompletionParameter } from '../../lsp/deepforge-completion-provider.js';
import type { Location } from 'vscode-languageserver';

/**
 * What the editor features show about operations, from the resolved interfaces (declared, or
 * inferred from the code) that the checks use: their signature, the parameters a step passes,
 * and where their code is.
 */
export interface DfpOperationInfo {
    resolve(operation: Operation): ResolvedOperation;
    /** The attributes and references a step passes, as completion shows them. */
    parameters(operation: Operation): CompletionParameter[];
    /** `TrainCifar(batch_size=32, epochs=20, architecture: network)(images, labels) → model`. */
    formatInterface(spec: OperationSpec): string;
    /** The operation's Python class, when its code is read and has it. */
    classLocation(operation: Operation): Location | undefined;
}

export class DefaultDfpOperationInfo implements DfpOperationInfo {
    protected readonly interfaces: OperationInterfaces;

    constructor(services: DfpServices) {
        this.interfaces = services.analysis.OperationInterfaces;
    }

    resolve(operation: Operation): ResolvedOperation {
        return this.interfaces.resolve(operation);
    }

    parameters(operation: Operation): CompletionParameter[] {
        const spec = this.resolve(operation).spec;
        return [
            ...spec.attributes.map(a => ({
                name: a.name, type: describeType(a.type), default: a.default === undefined ? undefined : formatValue(fromJs(a.default)),
                required: Boolean(a.required), attributeType: a.type, doc: a.doc
            })),
            ...spec.references.map(r => ({ name: r.name, type: r.kind, required: Boolean(r.required), keywordOnly: true }))
        ];
    }

    formatInterface(spec: OperationSpec): string {
        const attributes = spec.attributes.map(a => a.default === undefined ? `${a.name}: ${describeType(a.type)}` : `${a.name}=${formatValue(fromJs(a.default))}`);
        const references = spec.references.map(r => `${r.name}: ${r.kind}`);
        const inputs = spec.inputs.map(p => p.typeName ? `${p.name}: ${p.typeName}` : p.name);
        const outputs = spec.outputs.map(p => p.typeName ? `${p.name}: ${p.typeName}` : p.name);
        return `${spec.name}(${[...attributes, ...references].join(', ')})(${inputs.join(', ')}) → ${outputs.length > 0 ? outputs.join(', ') : 'None'}`;
    }

    classLocation(operation: Operation): Location | undefined {
        const code = this.resolve(operation).code;
        if (!code?.cls) return undefined;
        AstUtils.getDocument(operation);
        return { uri: code.uri.toString(), range: code.cls.nameRange };
    }
}
