import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLanguageRegistry } from '../../../languages/builtin-languages.js';
import { loadWorkspace, type LoadedWorkspace } from '../../../languages/workspace/node-workspace.js';
import { generateJobBundle } from '../../../generators/job/job-generator.js';
import { JobGenerationError } from '../../../generators/job/job-input.js';
import { jobInputFromWorkspace } from '../../../server/jobs/job-source.js';
import { buildJobBundle, PipelineHasErrors } from '../../../server/jobs/job-bundle.js';
import { catalogueLanguage } from './helpers.js';

/**
 * A catalogue entry feeds an `Input` step: a `.dfp` file imports a `.dfcat` catalogue, the step
 * names a `Dataset` (`Input(artifact="digits", dataset=digits)`), the checker holds the
 * reference to the entry's type, and the job bundles the entry's file as the step's static input.
 */

const languages = createLanguageRegistry({ extensions: [catalogueLanguage] });
let folder: string;

const CATALOGUE = `Source sk { url: "sklearn:load_digits" }
Dataset digits { path: "data/digits.npz"; classes: 10; shape: (8, 8, 1) }
Dataset loaded { path: "sklearn:load_digits"; format: "sklearn" }
Dataset outside { path: "../secret.npz" }
Dataset missing { path: "data/none.npz" }
`;

const pipeline = (dataset: string) => `import "catalogue.dfcat"

operation Show {
    inputs data
    code "show.py"
}

pipeline P {
    d = Input(artifact="digits", dataset=${dataset})
    Show()(data=d.data)
}
`;

function write(name: string, content: string | Uint8Array): string {
    const file = path.join(folder, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
}

async function load(dataset: string): Promise<{ workspace: LoadedWorkspace; errors: string[] }> {
    const file = write(`pipeline-${dataset}.dfp`, pipeline(dataset));
    const workspace = await loadWorkspace([file], { languages });
    const errors = workspace.documents.flatMap(doc => doc.diagnostics.filter(d => d.severity === 'error').map(d => `${path.basename(doc.path)}:${d.range.start.line + 1}: ${d.message}`));
    return { workspace, errors };
}

beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'deepforge-dataset-inputs-'));
    write('catalogue.dfcat', CATALOGUE);
    write('data/digits.npz', new Uint8Array([80, 75, 3, 4, 1, 2, 3]));
    write('show.py', 'class Show:\n    def execute(self, data):\n        print(data)\n');
});

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe('catalogue entries feed Input steps', () => {
    test('the pipeline checks clean; the job bundles the entry\'s file as the Input\'s static input', async () => {
        const { workspace, errors } = await load('digits');
        expect(errors).toEqual([]);
        expect(workspace.documents.map(doc => [path.basename(doc.path), doc.language])).toEqual([['pipeline-digits.dfp', 'dfp'], ['catalogue.dfcat', 'dfcat']]);
        const document = workspace.documents[0];
        const input = await jobInputFromWorkspace(workspace, document);
        const step = input.steps.find(s => s.id === 'd')!;
        expect(step.references).toEqual([]);
        const bundled = input.staticInputs!.get('d')!;
        expect([bundled.fileName, [...bundled.content]]).toEqual(['digits.npz', [80, 75, 3, 4, 1, 2, 3]]);
        const bundle = generateJobBundle(input);
        expect(bundle.manifest.inputs).toEqual([{ step: 'd', artifact: 'digits', argument: null, static: 'inputs/d/digits.npz' }]);
        expect([...bundle.files.get('inputs/d/digits.npz') as Uint8Array]).toEqual([80, 75, 3, 4, 1, 2, 3]);
    });

    test('buildJobBundle loads the pipeline with the given languages (the project\'s extensions)', async () => {
        write('pipeline-bundle.dfp', pipeline('digits'));
        const bundle = await buildJobBundle(path.join(folder, 'pipeline-bundle.dfp'), { languages });
        expect(bundle.manifest.inputs).toEqual([{ step: 'd', artifact: 'digits', argument: null, static: 'inputs/d/digits.npz' }]);
    });

    test('a given static input replaces the catalogue\'s file', async () => {
        const other = write('other.npz', new Uint8Array([1]));
        const { workspace } = await load('digits');
        const input = await jobInputFromWorkspace(workspace, workspace.documents[0], { staticInputs: new Map([['d', other]]) });
        const bundled = input.staticInputs!.get('d')!;
        expect([bundled.fileName, [...bundled.content]]).toEqual(['other.npz', [1]]);
    });

    test('an Input step given another input (run\'s --input STEP=…): its entry is neither checked nor read, nothing is bundled', async () => {
        for (const dataset of ['missing', 'loaded', 'outside']) {
            const { workspace, errors } = await load(dataset);
            expect(errors).toEqual([]);
            const input = await jobInputFromWorkspace(workspace, workspace.documents[0], { givenInputs: ['d'] });
            expect(input.staticInputs).toEqual(new Map());
            expect(generateJobBundle(input).manifest.inputs).toEqual([{ step: 'd', artifact: 'digits', argument: 'd', static: null }]);
        }
        // Another step given: this one's entry is read as before, and its file is missing.
        const { workspace } = await load('missing');
        await expect(jobInputFromWorkspace(workspace, workspace.documents[0], { givenInputs: ['other'] })).rejects.toBeInstanceOf(PipelineHasErrors);
    });

    test('a given static input wins over a missing file: the entry is not read', async () => {
        const other = write('other.npz', new Uint8Array([2]));
        const { workspace } = await load('missing');
        const input = await jobInputFromWorkspace(workspace, workspace.documents[0], { staticInputs: new Map([['digits', other]]) });
        expect([...input.staticInputs!.get('d')!.content]).toEqual([2]);
    });

    test('the checker: the entry must be a Dataset; the name must resolve', async () => {
        expect((await load('sk')).errors).toEqual(['pipeline-sk.dfp:9: `dataset` of `Input` takes a dataset, but `sk` is a source']);
        expect((await load('digts')).errors).toEqual(['pipeline-digts.dfp:9: undefined name `digts` — did you mean `digits`?']);
    });

    test('entries the job cannot read: a loader instead of a file, a path leaving the catalogue\'s folder, a missing file', async () => {
        const fails = async (dataset: string) => {
            const { workspace, errors } = await load(dataset);
            expect(errors).toEqual([]);
            const error = await jobInputFromWorkspace(workspace, workspace.documents[0]).then(() => undefined, (e: unknown) => e);
            expect(error).toBeInstanceOf(JobGenerationError);
            return (error as Error).message;
        };
        expect(await fails('loaded')).toBe('step `d`: the dataset `loaded` is fetched by a loader (`sklearn:load_digits`), not read from a file; an Input step reads a file');
        expect(await fails('outside')).toBe('step `d`: the path `../secret.npz` of the dataset `outside` leaves the catalogue\'s folder');
        // A missing file is an error of the pipeline, at the step's `dataset=…` (file:line:column).
        const { workspace } = await load('missing');
        const missing = await jobInputFromWorkspace(workspace, workspace.documents[0]).then(() => undefined, (e: unknown) => e);
        expect(missing).toBeInstanceOf(PipelineHasErrors);
        expect((missing as PipelineHasErrors).documents.map(doc => [doc.path, doc.diagnostics.map(d => [d.range.start.line + 1, d.range.start.character + 1, d.message])])).toEqual([
            [path.join(folder, 'pipeline-missing.dfp'), [[9, 34, 'step `d`: the file `data/none.npz` of the dataset `missing` (its path in catalogue.dfcat) does not exist']]]
        ]);
    });
});
