import { EmptyFileSystem, URI, type Grammar } from 'langium';
import { beforeAll, describe, expect, test } from 'vitest';
import { BUILTIN_LANGUAGES, createLanguageRegistry } from '../../../languages/builtin-languages.js';
import { createDeepForgeServices } from '../../../languages/deepforge-module.js';
import { LanguageRegistrationError, LanguageRegistry } from '../../../languages/registry/language-registry.js';
import type { DomainLanguage } from '../../../languages/registry/domain-language.js';
import { toyGrammar, toyLanguage } from './toy-language.js';

let grammar: Grammar;
let toy: DomainLanguage;
beforeAll(async () => {
    grammar = await toyGrammar();
    toy = toyLanguage(grammar);
});

describe('LanguageRegistry', () => {
    test('the built-ins: .dfnn and .dfp, looked up by id, extension and URI', () => {
        const registry = createLanguageRegistry();
        expect(registry.all.map(l => l.id)).toEqual(['dfnn', 'dfp']);
        expect(registry.fileExtensions).toEqual(['.dfnn', '.dfp']);
        expect(registry.get('dfnn')?.title).toBe('Keras networks');
        expect(registry.get('nope')).toBeUndefined();
        expect(registry.byExtension('.dfp')?.id).toBe('dfp');
        expect(registry.byExtension('.DFP')?.id).toBe('dfp');
        expect(registry.byExtension('.py')).toBeUndefined();
        expect(registry.forUri('file:///a/b/model.dfnn')?.id).toBe('dfnn');
        expect(registry.forUri('/a/b/pipeline.dfp')?.id).toBe('dfp');
        expect(registry.forUri(URI.file('/a/readme.md'))).toBeUndefined();
        expect(registry.describe()).toBe('.dfnn or .dfp');
        expect(() => registry.require('nope')).toThrow(/no language `nope` is registered/);
    });

    test('extensions come after the built-ins and are served like them', () => {
        const registry = createLanguageRegistry({ extensions: [toy] });
        expect(registry.all.map(l => l.id)).toEqual(['dfnn', 'dfp', 'toy']);
        expect(registry.forUri('file:///x/lights.circuit')?.id).toBe('toy');
        expect(registry.describe()).toBe('.dfnn, .dfp, .toy or .circuit');
    });

    test('a duplicate id or file extension is rejected, naming the language that holds it', () => {
        const registry = new LanguageRegistry(BUILTIN_LANGUAGES);
        expect(() => registry.register({ ...toy, id: 'dfnn' })).toThrow(new LanguageRegistrationError('language `dfnn` is already registered (Keras networks)'));
        expect(() => registry.register({ ...toy, fileExtensions: ['.toy', '.dfp'] })).toThrow(new LanguageRegistrationError('language `toy`: the file extension `.dfp` belongs to language `dfp`'));
        expect(() => registry.register({ ...toy, fileExtensions: ['.toy', '.TOY'] })).toThrow(/lists the file extension `.TOY` twice/);
        // A rejected language leaves nothing behind: its other extensions are still free.
        expect(registry.byExtension('.toy')).toBeUndefined();
        registry.register(toy);
        expect(() => registry.register(toyLanguage(grammar, { id: 'other', fileExtensions: ['.circuit'] }))).toThrow(/`.circuit` belongs to language `toy`/);
        expect(() => createLanguageRegistry({ extensions: [{ ...toy, id: 'dfp' }] })).toThrow(LanguageRegistrationError);
    });

    test('malformed ids and extensions are rejected', () => {
        const registry = new LanguageRegistry();
        expect(() => registry.register({ ...toy, id: 'Toy Language' })).toThrow(/a language id is lower case letters, digits and `-`/);
        expect(() => registry.register({ ...toy, fileExtensions: ['toy'] })).toThrow(/the file extension `toy` is not a dot followed by/);
        expect(() => registry.register({ ...toy, fileExtensions: [] })).toThrow(/has no file extension/);
        expect(registry.all).toEqual([]);
    });
});

describe('createDeepForgeServices', () => {
    test('one container per registered language, registered by its extensions, onCreated called', () => {
        const services = createDeepForgeServices(EmptyFileSystem, { languages: createLanguageRegistry({ extensions: [toy] }) });
        expect(services.all.map(entry => entry.language.id)).toEqual(['dfnn', 'dfp', 'toy']);
        const container = services.language('toy');
        expect(container.LanguageMetaData).toMatchObject({ languageId: 'toy', fileExtensions: ['.toy', '.circuit'] });
        expect(services.shared.ServiceRegistry.getServices(URI.parse('file:///a.circuit'))).toBe(container);
        expect(services.shared.ServiceRegistry.getServices(URI.parse('file:///a.dfnn'))).toBe(services.dfnn);
        expect(services.forUri('file:///a.toy')?.services).toBe(container);
        // The toy's grammar types joined DeepForge's in the shared reflection.
        expect(services.shared.AstReflection.isSubtype('ToyPart', 'ToyPart')).toBe(true);
        expect(services.shared.AstReflection.getAllTypes()).toEqual(expect.arrayContaining(['ToyCircuit', 'Pipeline']));
        // onCreated registered the toy's check.
        expect(container.validation.ValidationRegistry.getChecks('ToyPart').toArray()).toHaveLength(1);
    });

    test('services of a toy language alone: the built-ins are not there', () => {
        const services = createDeepForgeServices(EmptyFileSystem, { languages: new LanguageRegistry([toy]) });
        expect(services.all.map(entry => entry.language.id)).toEqual(['toy']);
        expect(() => services.dfnn).toThrow(/no language `dfnn` is registered \(registered: `toy`\)/);
        expect(services.shared.ServiceRegistry.all).toHaveLength(1);
    });
});
