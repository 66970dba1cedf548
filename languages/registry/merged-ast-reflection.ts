import { AbstractAstReflection, type AstMetaData, type AstReflection } from 'langium';

/**
 * One AST reflection over several grammars. Langium keeps a single reflection in the shared
 * services; a language whose grammar was generated outside DeepForge's Langium project (an
 * extension's) brings its own, and its types are added to DeepForge's. A type name defined by
 * two grammars keeps the first definition (the fragments of `common.langium` are the same in both).
 */
export class MergedAstReflection extends AbstractAstReflection {
    override readonly types: AstMetaData;

    constructor(reflections: readonly AstReflection[]) {
        super();
        const types: AstMetaData = {};
        for (const reflection of reflections) {
            for (const [name, meta] of Object.entries(reflection.types)) {
                if (!(name in types)) types[name] = meta;
            }
        }
        this.types = types;
    }
}
