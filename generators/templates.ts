import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a generator's Handlebars templates are: `generators/<target>/templates/` in the
 * source tree. Compiled code runs from `out/generators/…`, which has no templates, so the
 * source tree next to `out/` is searched too.
 */
export function templatePath(target: string, file: string): string {
    const here = dirname(fileURLToPath(import.meta.url));
    const candidates = [join(here, target, 'templates', file), join(resolve(here, '../../generators'), target, 'templates', file)];
    const found = candidates.find(existsSync);
    if (!found) throw new Error(`template ${target}/templates/${file} not found (looked in ${candidates.join(', ')})`);
    return found;
}
