import { UriUtils, URI } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import type { DomainLanguage } from './domain-language.js';

/** A language that cannot be registered (duplicate id or extension, malformed id or extension). */
export class LanguageRegistrationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'LanguageRegistrationError';
    }
}

/** Lower case letters, digits and `-`, starting with a letter. */
const LANGUAGE_ID = /^[a-z][a-z0-9-]*$/;
/** `.dfnn`: a dot, then letters, digits, `-` and `_` (a file's last extension decides its language). */
const FILE_EXTENSION = /^\.[A-Za-z0-9_-]+$/;

/**
 * The registered domain languages: the one list the services, the workspace loader, `deepforge
 * check`/`generate`, the language server and the diagram server read. A file's extension decides
 * its language. Registration order is kept (the built-ins first).
 */
export class LanguageRegistry {
    protected readonly byId = new Map<string, DomainLanguage<any>>();
    protected readonly extensions = new Map<string, DomainLanguage<any>>();

    /** Registers the languages in order. */
    constructor(languages: Iterable<DomainLanguage<any>> = []) {
        for (const language of languages) this.register(language);
    }

    /**
     * Adds a language. Throws {@link LanguageRegistrationError} when its id or one of its file
     * extensions is malformed or already taken (the message names the language that holds it).
     */
    register(language: DomainLanguage<any>): void {
        const name = `language \`${language.id}\``;
        if (typeof language.id !== 'string' || !LANGUAGE_ID.test(language.id)) {
            throw new LanguageRegistrationError(`${name}: a language id is lower case letters, digits and \`-\`, starting with a letter`);
        }
        const existing = this.byId.get(language.id);
        if (existing) throw new LanguageRegistrationError(`${name} is already registered (${existing.title})`);
        if (language.fileExtensions.length === 0) throw new LanguageRegistrationError(`${name} has no file extension`);
        const seen = new Set<string>();
        for (const extension of language.fileExtensions) {
            if (!FILE_EXTENSION.test(extension)) {
                throw new LanguageRegistrationError(`${name}: the file extension \`${extension}\` is not a dot followed by letters, digits, \`-\` or \`_\``);
            }
            const holder = this.extensions.get(extension.toLowerCase());
            if (holder) throw new LanguageRegistrationError(`${name}: the file extension \`${extension}\` belongs to language \`${holder.id}\``);
            if (seen.has(extension.toLowerCase())) throw new LanguageRegistrationError(`${name} lists the file extension \`${extension}\` twice`);
            seen.add(extension.toLowerCase());
        }
        if (typeof language.lower !== 'function') throw new LanguageRegistrationError(`${name} has no \`lower\` function`);
        this.byId.set(language.id, language);
        for (const extension of language.fileExtensions) this.extensions.set(extension.toLowerCase(), language);
    }

    /** The language with this id, if registered. */
    get<S extends LangiumServices = LangiumServices>(id: string): DomainLanguage<S> | undefined {
        return this.byId.get(id);
    }

    /** The language with this id; throws when it is not registered. */
    require<S extends LangiumServices = LangiumServices>(id: string): DomainLanguage<S> {
        const language = this.byId.get(id);
        if (!language) throw new LanguageRegistrationError(`no language \`${id}\` is registered (${this.describe()})`);
        return language;
    }

    /** Whether a language with this id is registered. */
    has(id: string): boolean {
        return this.byId.has(id);
    }

    /** The language of a file extension (`.dfnn`, with its dot; case does not matter). */
    byExtension(extension: string): DomainLanguage | undefined {
        return this.extensions.get(extension.toLowerCase());
    }

    /** The language of a file (path or URI): its extension decides. */
    forUri(uri: URI | string): DomainLanguage | undefined {
        const parsed = typeof uri === 'string' ? (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri) ? URI.parse(uri) : URI.file(uri)) : uri;
        return this.byExtension(UriUtils.extname(parsed));
    }

    /** Every registered language, in registration order. */
    get all(): readonly DomainLanguage[] {
        return [...this.byId.values()];
    }

    /** Every registered file extension (`.dfnn`, `.dfp`, …), in registration order. */
    get fileExtensions(): readonly string[] {
        return this.all.flatMap(language => language.fileExtensions);
    }

    /** `.dfnn, .dfp or .sweep` — for messages. */
    describe(): string {
        const extensions = this.fileExtensions;
        if (extensions.length <= 1) return extensions.join('') || 'none';
        return `${extensions.slice(0, -1).join(', ')} or ${extensions.at(-1)}`;
    }
}
