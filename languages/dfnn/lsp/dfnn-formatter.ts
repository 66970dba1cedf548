import type { AstNode } from 'langium';
import { Formatting } from 'langium/lsp';
import {
    isBlock, isDfnnModel, isImport, isInputGroup, isInputsStatement, isLayerStatement, isLibrary, isNetwork, isOutputsStatement,
    isParameter, isSharedLayer, type Block, type DfnnModel, type InputGroup, type LayerStatement, type Network, type Parameter, type SharedLayer
} from '../../generated/ast.js';
import { DeepForgeFormatter, STATEMENT_BREAK } from '../../lsp/deepforge-formatter.js';

/**
 * The canonical layout of `.dfnn` files:
 *
 * ```
 * import "other.dfnn"
 *
 * block ConvBlock(filters: int, kernel_size = (3, 3)) {
 *     inputs x
 *     a = Conv2D(filters, kernel_size, padding="same")(x)
 *     outputs a
 * }
 * ```
 *
 * One statement per line, indented by one level; one blank line between top-level elements
 * (at most one kept between statements); `name = Layer(args)(inputs)` with one space around the
 * statement's `=` and none in keyword arguments. Comments stay where they are.
 */
export class DfnnFormatter extends DeepForgeFormatter {
    protected formatNode(node: AstNode): void {
        if (isDfnnModel(node)) this.formatModel(node);
        else if (isNetwork(node) || isBlock(node)) this.formatGraph(node);
        else if (isParameter(node)) this.formatParameter(node);
        else if (isLayerStatement(node) || isSharedLayer(node)) this.formatStatement(node);
        else if (isInputGroup(node)) this.formatInputGroup(node);
        else if (isInputsStatement(node) || isOutputsStatement(node)) {
            const formatter = this.getNodeFormatter(node);
            formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
            formatter.keywords('inputs', 'outputs').append(Formatting.oneSpace());
        } else if (isImport(node)) {
            this.getNodeFormatter(node).keyword('import').append(Formatting.oneSpace());
        }
    }

    protected formatModel(model: DfnnModel): void {
        const formatter = this.getNodeFormatter(model);
        model.imports.forEach((node, i) => formatter.node(node).prepend(i === 0 ? Formatting.noSpace() : Formatting.newLine()));
        model.elements.forEach((node, i) => {
            if (isLibrary(node)) return;
            formatter.node(node).prepend(i === 0 && model.imports.length === 0 ? Formatting.noSpace() : Formatting.newLines(2));
        });
    }

    protected formatGraph(graph: Network | Block): void {
        const formatter = this.getNodeFormatter(graph);
        formatter.keywords('network', 'block').append(Formatting.oneSpace());
        const open = formatter.keyword('{');
        const close = formatter.keyword('}');
        open.prepend(Formatting.oneSpace());
                // Statements and the comments between them; the first right after the brace.
                formatter.interior(open, close).prepend(STATEMENT_BREAK);
                if (graph.statements.length > 0) formatter.node(graph.statements[0]).prepend(Formatting.indent({ priority: 1 }));
        close.prepend(Formatting.newLine());
        if (isBlock(graph)) {
            formatter.keyword('(').prepend(Formatting.noSpace()).append(Formatting.noSpace());
            formatter.keyword(')').prepend(Formatting.noSpace());
            formatter.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        }
    }

    protected formatParameter(parameter: Parameter): void {
        const formatter = this.getNodeFormatter(parameter);
        formatter.keyword(':').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        formatter.keyword('=').surround(Formatting.oneSpace());
    }

    protected formatStatement(statement: LayerStatement | SharedLayer): void {
        const formatter = this.getNodeFormatter(statement);
        formatter.keyword('shared').append(Formatting.oneSpace());
        formatter.keyword('=').surround(Formatting.oneSpace());
        this.formatParenthesized(formatter, '(', ')');
        formatter.keyword('(').prepend(Formatting.noSpace());
    }

    protected formatInputGroup(group: InputGroup): void {
        const formatter = this.getNodeFormatter(group);
        this.formatParenthesized(formatter, '(', ')');
        formatter.keyword('(').prepend(Formatting.noSpace());
    }
}
