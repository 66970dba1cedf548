import { AstUtils, DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { isSweepModel } from '../generated/ast.js';

/**
 * Langium's document validator, less the follow-up errors of an unknown pipeline: while
 * `sweep s over Nope` does not resolve, its steps cannot either, and only the pipeline is
 * reported.
 */
export class SweepDocumentValidator extends DefaultDocumentValidator {
    protected override processLinkingErrors(document: LangiumDocument, diagnostics: Diagnostic[], options: ValidationOptions): void {
        const found: Diagnostic[] = [];
        super.processLinkingErrors(document, found, options);
        const root = document.parseResult.value;
        const hidden = new Set<string>();
        if (isSweepModel(root)) {
            for (const sweep of root.sweeps) {
                if (sweep.pipeline?.ref) continue;
                for (const node of AstUtils.streamAllContents(sweep)) {
                    const step = (node as { step?: { $refNode?: { range: Diagnostic['range'] } } }).step;
                    if (step?.$refNode) hidden.add(JSON.stringify(step.$refNode.range));
                }
            }
        }
        diagnostics.push(...found.filter(d => !hidden.has(JSON.stringify(d.range))));
    }
}
