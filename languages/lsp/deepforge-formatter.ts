import { CstUtils, type AstNode } from 'langium';
import { AbstractFormatter, Formatting, type NodeFormatter } from 'langium/lsp';
import {
    isArgument, isCallExpression, isListExpression, isNameExpression, isTupleExpression, type Argument, type CallExpression,
    type ListExpression, type NameExpression, type TupleExpression
} from '../generated/ast.js';

/** A statement starts on its own indented line, with at most one blank line before it (kept if written). */
export const STATEMENT_BREAK = Formatting.fit(Formatting.indent(), { options: {}, moves: [{ tabs: 1, lines: 2 }] });
/** After a comma in a list: one space, or a line break if written (long calls stay wrapped). */
export const LIST_BREAK = Formatting.fit(Formatting.oneSpace(), Formatting.indent());

/**
 * The canonical layout both DeepForge languages share, for the value language of
 * `common.langium`: `f(a, b=1)`, `(3, 3)`, `[1, 2]`, `lstm[0]`; `name=value` without spaces in
 * arguments. Langium's formatter keeps comments where they are and only changes whitespace, so
 * formatting is idempotent and preserves comments. Each language formats its own statements
 * ({@link formatNode}).
 */
export abstract class DeepForgeFormatter extends AbstractFormatter {
    protected format(node: AstNode): void {
        if (isArgument(node)) this.formatArgument(node);
        else if (isCallExpression(node)) this.formatParenthesized(this.getNodeFormatter(node), '(', ')');
        else if (isTupleExpression(node)) this.formatParenthesized(this.getNodeFormatter(node as TupleExpression), '(', ')');
        else if (isListExpression(node)) this.formatParenthesized(this.getNodeFormatter(node as ListExpression), '[', ']');
        else if (isNameExpression(node)) this.formatNameExpression(node);
        else this.formatNode(node);
    }

    /** The language's own nodes. */
    protected abstract formatNode(node: AstNode): void;

    /** `name=value`. */
    protected formatArgument(node: Argument): void {
        const formatter = this.getNodeFormatter(node);
        formatter.keyword('=').surround(Formatting.noSpace());
    }

    /** `lstm[0]`. */
    protected formatNameExpression(node: NameExpression): void {
        const formatter = this.getNodeFormatter(node);
        formatter.keyword('[').surround(Formatting.noSpace());
        formatter.keyword(']').prepend(Formatting.noSpace());
    }

    /** `(a, b)`: nothing inside the brackets, no space before commas, one after (or a kept line break). */
    protected formatParenthesized(formatter: NodeFormatter<AstNode>, open: string, close: string): void {
        formatter.keywords(open).append(Formatting.noSpace());
        formatter.keywords(close).prepend(Formatting.noSpace({ priority: 1 }));
        const commas = formatter.keywords(',');
        commas.prepend(Formatting.noSpace());
        // A trailing comma (`(1,)`) is followed by the closing bracket, not by a space.
        formatter.cst(commas.nodes.filter(comma => CstUtils.getNextNode(comma, true)?.text !== close)).append(LIST_BREAK);
    }

    /** A call's callee and its opening bracket: `Conv2D(`. */
    protected formatCallee(formatter: NodeFormatter<AstNode>): void {
        formatter.keywords('(').prepend(Formatting.noSpace());
    }
}

export type { CallExpression };
