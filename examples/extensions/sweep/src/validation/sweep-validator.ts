import type { ValidationAcceptor, ValidationChecks } from 'langium';
import { AstUtils } from 'langium';
import type { SweepLanguageAstType, SweepModel } from '../generated/ast.js';
import type { SweepServices } from '../sweep-module.js';
import type { SweepChecker } from './sweep-checker.js';

/** Reports the {@link SweepChecker}'s findings as Langium diagnostics (the language server and `deepforge check` show them). */
export class SweepValidator {
    protected readonly checker: SweepChecker;

    constructor(services: SweepServices) {
        this.checker = services.validation.SweepChecker;
    }

    checkModel(model: SweepModel, accept: ValidationAcceptor): void {
        for (const diagnostic of this.checker.check(AstUtils.getDocument(model))) {
            accept(diagnostic.severity, diagnostic.message, { node: model, range: diagnostic.trace.range, code: diagnostic.code });
        }
    }
}

/** Registers the sweep checks with Langium's validation registry. */
export function registerSweepValidationChecks(services: SweepServices): void {
    const validator = services.validation.SweepValidator;
    const checks: ValidationChecks<SweepLanguageAstType> = {
        SweepModel: (model, accept) => validator.checkModel(model, accept)
    };
    services.validation.ValidationRegistry.register(checks, validator);
}
