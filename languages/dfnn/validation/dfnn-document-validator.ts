import {
    DefaultDocumentValidator, VALIDATE_EACH_NODE, type AstNode, type AstReflection, type ValidateSingleNodeOptions,
    type ValidationOptions, type ValidationRegistry
} from 'langium';
import type { DfnnServices } from '../dfnn-module.js';

/** The types that only occur at the top of a `.dfnn` document: the root and its direct children. */
const TOP_LEVEL_TYPES = new Set(['DfnnModel', 'Import', 'Network', 'Block', 'Library']);

const VALIDATE_NODE_ONLY: ValidateSingleNodeOptions = { validateNode: true, validateChildren: false };

/**
 * Langium's document validator without its walk over every AST node when nothing below the
 * top level has checks. Langium visits every node (every statement, argument and literal) and
 * asks the registry for its checks; the `.dfnn` checks are registered on the root and the
 * top-level elements only (see `registerDfnnValidationChecks`), so on a large network that walk
 * was pure overhead. If a check is registered on any other type (or on every node), the whole
 * AST is walked as before.
 */
export class DfnnDocumentValidator extends DefaultDocumentValidator {
    protected readonly reflection: AstReflection;
    protected readonly registry: ValidationRegistry;
    /** Per document root: whether the current validation must visit nodes below the top level. */
    private readonly deep = new WeakMap<AstNode, boolean>();

    constructor(services: DfnnServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
        this.registry = services.validation.ValidationRegistry;
    }

    protected override validateSingleNodeOptions(node: AstNode, options: ValidationOptions): ValidateSingleNodeOptions {
        const container = node.$container;
        if (!container) {
            // The root comes first in each validation: decide once for the whole document.
            this.deep.set(node, this.hasChecksBelowTopLevel(options));
            return VALIDATE_EACH_NODE;
        }
        if (container.$container) return VALIDATE_EACH_NODE; // only reached when walking the whole AST
        return this.deep.get(container) === false ? VALIDATE_NODE_ONLY : VALIDATE_EACH_NODE;
    }

    /** Whether some type that can occur below the top level has checks (of the categories validated now). */
    protected hasChecksBelowTopLevel(options: ValidationOptions): boolean {
        return this.reflection.getAllTypes().some(type =>
            !TOP_LEVEL_TYPES.has(type) && this.registry.getChecks(type, options.categories).head() !== undefined);
    }
}
