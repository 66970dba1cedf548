import type { Trace, Value } from '../../../metamodel/core/index.js';
import {
    isBooleanLiteral, isCallExpression, isListExpression, isNameExpression, isNoneLiteral, isNumberLiteral, isStringLiteral,
    isTupleExpression, type Expression, type NameExpression
} from '../../generated/ast.js';
import type { TraceFactory } from '../../dfnn/lowering/traces.js';

/**
 * An expression of the shared value language as a metamodel value, with traces. Names are
 * not values in `.dfp` (they are references, handled by the caller): `onName` decides what a
 * name stands for and may report it; the value is unknown.
 */
export function expressionValue(expression: Expression | undefined, traces: TraceFactory, onName?: (name: NameExpression, trace: Trace) => void): Value {
    if (!expression) return { kind: 'unknown' };
    const trace = traces.of(expression);
    if (isNumberLiteral(expression)) {
        const text = (expression.value ?? '').replace(/\s+/g, '');
        const value = Number(text);
        return /^-?\d+$/.test(text) ? { kind: 'int', value, trace } : { kind: 'float', value, trace };
    }
    if (isStringLiteral(expression)) return { kind: 'string', value: expression.value, trace };
    if (isBooleanLiteral(expression)) return { kind: 'bool', value: expression.value, trace };
    if (isNoneLiteral(expression)) return { kind: 'none', trace };
    if (isTupleExpression(expression)) {
        if (expression.items.length === 1 && !expression.trailingComma) return expressionValue(expression.items[0], traces, onName);
        return { kind: 'tuple', items: expression.items.map(item => expressionValue(item, traces, onName)), trace };
    }
    if (isListExpression(expression)) return { kind: 'list', items: expression.items.map(item => expressionValue(item, traces, onName)), trace };
    if (isCallExpression(expression)) {
        const args: Value[] = [];
        const kwargs: Array<{ name: string; value: Value; nameTrace: Trace; trace: Trace }> = [];
        for (const argument of expression.arguments) {
            const value = expressionValue(argument.value, traces, onName);
            if (argument.name === undefined) args.push(value);
            else kwargs.push({ name: argument.name, value, nameTrace: traces.ofProperty(argument, 'name'), trace: traces.of(argument) });
        }
        return { kind: 'call', callee: expression.callee, calleeTrace: traces.ofProperty(expression, 'callee'), args, kwargs, trace };
    }
    if (isNameExpression(expression)) {
        onName?.(expression, trace);
        return { kind: 'unknown', description: expression.target?.$refText, trace };
    }
    return { kind: 'unknown', trace };
}
