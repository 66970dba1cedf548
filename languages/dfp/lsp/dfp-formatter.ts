import type { AstNode } from 'langium';
import { Formatting } from 'langium/lsp';
import {
    isAttributeDeclaration, isAttributesSection, isCodeSection, isDfpModel, isEnumType, isEnvironmentSection, isImport, isInputsSection,
    isOperation, isOutputsSection, isPipeline, isPortDeclaration, isRangeConstraint, isReferenceDeclaration, isReferencesSection, isResourceEntry, isResourcesSection, isStep,
    isStepInput, type DfpModel, type Operation, type Pipeline
} from '../../generated/ast.js';
import { DeepForgeFormatter, STATEMENT_BREAK } from '../../lsp/deepforge-formatter.js';

/** Inside `attributes { … }`: one space between items, or a line each (as written). */
const ITEM_BREAK = Formatting.fit(Formatting.oneSpace(), Formatting.indent());

/**
 * The canonical layout of `.dfp` files: one blank line between top-level elements; an
 * operation's sections one per line, indented; `attributes { a: int = 1 [1..10], b = 2 }` on one
 * line or one attribute per line (as written), `references { … }` and `resources { cpus: 4, memory: "16G" }`
 * alike; `step = Op(a=1)(x=other.out)` with one space
 * around the step's `=` and none in arguments. Comments stay where they are.
 */
export class DfpFormatter extends DeepForgeFormatter {
    protected formatNode(node: AstNode): void {
        if (isDfpModel(node)) this.formatModel(node);
        else if (isOperation(node)) this.formatOperation(node);
        else if (isPipeline(node)) this.formatPipeline(node);
        else if (isStep(node)) this.formatStep(node);
        else if (isStepInput(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.keyword('=').surround(Formatting.noSpace());
            formatter.keyword('.').surround(Formatting.noSpace());
        } else if (isAttributesSection(node) || isReferencesSection(node) || isResourcesSection(node)) {
            const formatter = this.getNodeFormatter(node);
            const open = formatter.keyword('{');
            const close = formatter.keyword('}');
            open.prepend(Formatting.oneSpace());
            const items: AstNode[] = isAttributesSection(node) ? node.attributes : isReferencesSection(node) ? node.references : node.entries;
            items.forEach((item, i) => formatter.node(item).prepend(i === 0 ? ITEM_BREAK : ITEM_BREAK));
            formatter.keywords(',').prepend(Formatting.noSpace());
            close.prepend(Formatting.fit(Formatting.oneSpace(), Formatting.newLine()));
        } else if (isAttributeDeclaration(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.keyword(':').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
            formatter.keyword('=').surround(Formatting.oneSpace());
            formatter.property('range').prepend(Formatting.oneSpace());
        } else if (isRangeConstraint(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.keyword('[').append(Formatting.noSpace());
            formatter.keyword('..').surround(Formatting.noSpace());
            formatter.keyword(']').prepend(Formatting.noSpace());
        } else if (isEnumType(node)) {
            this.getNodeFormatter(node).keywords('|').surround(Formatting.oneSpace());
        } else if (isReferenceDeclaration(node) || isPortDeclaration(node) || isResourceEntry(node)) {
            this.getNodeFormatter(node).keyword(':').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        } else if (isInputsSection(node) || isOutputsSection(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.keywords('inputs', 'outputs').append(Formatting.oneSpace());
            formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        } else if (isCodeSection(node) || isEnvironmentSection(node)) {
            this.getNodeFormatter(node).keywords('code', 'environment').append(Formatting.oneSpace());
        } else if (isImport(node)) {
            this.getNodeFormatter(node).keyword('import').append(Formatting.oneSpace());
        }
    }

    protected formatModel(model: DfpModel): void {
        const formatter = this.getNodeFormatter(model);
        model.imports.forEach((node, i) => formatter.node(node).prepend(i === 0 ? Formatting.noSpace() : Formatting.newLine()));
        model.elements.forEach((node, i) => formatter.node(node).prepend(i === 0 && model.imports.length === 0 ? Formatting.noSpace() : Formatting.newLines(2)));
    }

    protected formatOperation(operation: Operation): void {
        const formatter = this.getNodeFormatter(operation);
        formatter.keyword('operation').append(Formatting.oneSpace());
        formatter.property('doc').prepend(Formatting.oneSpace());
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        open.prepend(Formatting.oneSpace());
                // Statements and the comments between them; the first right after the brace.
                formatter.interior(open, close).prepend(STATEMENT_BREAK);
                if (operation.sections.length > 0) formatter.node(operation.sections[0]).prepend(Formatting.indent({ priority: 1 }));
        close.prepend(Formatting.newLine());
    }

    protected formatPipeline(pipeline: Pipeline): void {
        const formatter = this.getNodeFormatter(pipeline);
        formatter.keyword('pipeline').append(Formatting.oneSpace());
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        open.prepend(Formatting.oneSpace());
                // Statements and the comments between them; the first right after the brace.
                formatter.interior(open, close).prepend(STATEMENT_BREAK);
                if (pipeline.steps.length > 0) formatter.node(pipeline.steps[0]).prepend(Formatting.indent({ priority: 1 }));
        close.prepend(Formatting.newLine());
    }

    protected formatStep(step: import('../../generated/ast.js').Step): void {
        const formatter = this.getNodeFormatter(step);
        formatter.keyword('=').surround(Formatting.oneSpace());
        this.formatParenthesized(formatter, '(', ')');
        formatter.keywords('(').prepend(Formatting.noSpace());
    }
}
