import { JobGenerationError } from './job-input.js';

/**
 * Checks a path a user gave (a save name, an artifact name, a file name) that will be joined to
 * a folder of the bundle or its outputs: it must stay inside that folder. Rejected, with a
 * message that says why: empty names, absolute paths (`/x`, `C:x`, `\\server`), backslashes,
 * `.`/`..`/empty segments, NUL and other control characters. The Python runtime checks the
 * same again at run time (`deepforge/paths.py`).
 */
export function checkSafeRelativePath(name: string, what: string): string {
    const shown = JSON.stringify(name);
    if (name === '') throw new JobGenerationError(`${what} must not be empty`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(name)) throw new JobGenerationError(`${what} ${shown} contains a control character`);
    if (name.includes('\\')) throw new JobGenerationError(`${what} ${shown} contains a backslash: use "/" between folders`);
    if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) {
        throw new JobGenerationError(`${what} ${shown} is an absolute path: it must be relative to its folder`);
    }
    for (const segment of name.split('/')) {
        if (segment === '' || segment === '.' || segment === '..') {
            throw new JobGenerationError(`${what} ${shown} may not contain ${segment === '' ? 'empty' : `\`${segment}\``} segments: it must stay inside its folder`);
        }
    }
    return name;
}

/** A plain file name: a safe relative path without folders. */
export function checkFileName(name: string, what: string): string {
    checkSafeRelativePath(name, what);
    if (name.includes('/')) throw new JobGenerationError(`${what} ${JSON.stringify(name)} must be a file name, without folders`);
    return name;
}
