import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import {
    isArgument, isAttributeDeclaration, isBlock, isBlockInput, isCallExpression, isLayerStatement, isLayerType, isNameExpression,
    isNamedType, isNetwork, isOperation, isParameter, isPipeline, isPortDeclaration, isReferenceDeclaration, isSharedLayer, isStep,
    isStepInput
} from '../generated/ast.js';

/**
 * Semantic tokens of both DeepForge languages (keywords, strings, numbers and comments are left to
 * TextMate grammars): layer types and operations as classes, blocks and networks as functions
 * (they are called), layers and steps as variables (declarations marked), block parameters as
 * parameters, keyword arguments and ports as properties.
 */
export class DeepForgeSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void | 'prune' | undefined {
        const declaration = [SemanticTokenModifiers.declaration];
        if (isNetwork(node) || isBlock(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: declaration });
        } else if (isLayerType(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: [...declaration, SemanticTokenModifiers.defaultLibrary] });
        } else if (isLayerStatement(node) || isSharedLayer(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: declaration });
            const target = node.callee?.ref;
            acceptor({
                node, property: 'callee',
                type: isLayerType(target) ? SemanticTokenTypes.class : isSharedLayer(target) ? SemanticTokenTypes.variable : SemanticTokenTypes.function,
                modifier: isLayerType(target) ? [SemanticTokenModifiers.defaultLibrary] : []
            });
        } else if (isParameter(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.parameter, modifier: declaration });
            if (node.type) acceptor({ node, property: 'type', type: SemanticTokenTypes.type });
        } else if (isBlockInput(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: declaration });
        } else if (isNameExpression(node)) {
            const target = node.target?.ref;
            acceptor({
                node, property: 'target',
                type: isParameter(target) ? SemanticTokenTypes.parameter : isNetwork(target) || isBlock(target) ? SemanticTokenTypes.function
                    : isOperation(target) || isPipeline(target) ? SemanticTokenTypes.class : SemanticTokenTypes.variable
            });
        } else if (isArgument(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.property });
        } else if (isCallExpression(node)) {
            acceptor({ node, property: 'callee', type: SemanticTokenTypes.function });
        } else if (isOperation(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: declaration });
        } else if (isPipeline(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.function, modifier: declaration });
        } else if (isStep(node)) {
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.variable, modifier: declaration });
            acceptor({ node, property: 'operation', type: SemanticTokenTypes.class });
        } else if (isStepInput(node)) {
            if (node.port) acceptor({ node, property: 'port', type: SemanticTokenTypes.property });
            acceptor({ node, property: 'source', type: SemanticTokenTypes.variable });
            if (node.output) acceptor({ node, property: 'output', type: SemanticTokenTypes.property });
        } else if (isAttributeDeclaration(node) || isReferenceDeclaration(node) || isPortDeclaration(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.property, modifier: declaration });
            if (isReferenceDeclaration(node)) acceptor({ node, property: 'kind', type: SemanticTokenTypes.type });
            if (isPortDeclaration(node) && node.type) acceptor({ node, property: 'type', type: SemanticTokenTypes.type });
        } else if (isNamedType(node)) {
            acceptor({ node, property: 'name', type: SemanticTokenTypes.type });
        }
        return undefined;
    }
}
