import type { LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import { isLayerStatement, isSharedLayer, type DfnnModel } from '../../generated/ast.js';
import { deepForgeSetting } from '../../lsp/deepforge-configuration-provider.js';
import { isGraphContainer } from '../references/dfnn-scope-provider.js';
import type { DfnnLayerInfo } from './dfnn-layer-info.js';
import type { DfnnLspServices } from './dfnn-lsp-module.js';

/** The setting that turns the shape hints on and off (`deepforge.inlayHints.shapes`, on by default). */
export const SHAPE_HINTS_SETTING = 'inlayHints.shapes';

/**
 * Inlay hints: the output shape after each layer statement, as a comment would show it —
 * `# (None, 16, 16, 32)` — from the analyzer's inferred shapes. Statements whose shape is unknown
 * (inside a block checked on its own, after an error) get none. Toggled by
 * `deepforge.inlayHints.shapes` (initialization option or configuration).
 */
export class DfnnInlayHintProvider implements InlayHintProvider {
    protected readonly info: DfnnLayerInfo;
    protected readonly services: DfnnLspServices;

    constructor(services: DfnnLspServices) {
        this.services = services;
        this.info = services.lsp.LayerInfo;
    }

    getInlayHints(document: LangiumDocument, params: InlayHintParams): InlayHint[] | undefined {
        if (!this.enabled()) return undefined;
        const model = document.parseResult.value as DfnnModel;
        const hints: InlayHint[] = [];
        const { start, end } = params.range;
        for (const graph of (model.elements ?? []).filter(isGraphContainer)) {
            for (const statement of graph.statements) {
                if (!isLayerStatement(statement) && !isSharedLayer(statement)) continue;
                const range = statement.$cstNode?.range;
                if (!range || range.end.line < start.line || range.end.line > end.line) continue;
                const outputs = this.info.statementInfo(statement)?.outputs;
                if (!outputs || outputs.length === 0) continue;
                hints.push({ position: range.end, label: `# ${this.info.formatShapes(outputs)}`, kind: InlayHintKind.Type, paddingLeft: true });
            }
        }
        return hints;
    }

    /** Whether shape hints are on. */
    protected enabled(): boolean {
        return deepForgeSetting(this.services.shared.workspace.ConfigurationProvider, SHAPE_HINTS_SETTING, true);
    }
}
