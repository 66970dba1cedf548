import 'reflect-metadata';
import { Container } from 'inversify';
import { loadDefaultModules, TYPES, type IActionDispatcher } from 'sprotty';
import { CollapseExpandAllAction, FitToScreenAction, RequestModelAction, type Action, type SModelElement } from 'sprotty-protocol';
import { Actions, basicType, type CreateNodeAction, type NotifyAction, type PaletteAction } from '../model/diagram-model.js';
import { commonModule } from './common/di.config.js';
import { DeepForgeServerProxy } from './common/server-proxy.js';
import { editModule } from './edit/di.config.js';
import { PAGE_HOOKS, type PageHooks } from './edit/tools.js';
import { networkModule } from './network/di.config.js';
import { pipelineModule } from './pipeline/di.config.js';

/** What end-to-end tests and the benchmark read from the page. */
interface PageApi {
    /** Models received (set or update). */
    updates: number;
    ready: boolean;
    /** The model shown is laid out provisionally: ELK's layout follows. */
    provisional: boolean;
    messages: NotifyAction[];
    dispatch(action: Action): Promise<void>;
}

declare global {
    interface Window {
        deepforge: PageApi;
    }
}

const $ = <E extends HTMLElement>(id: string) => document.getElementById(id) as E;

function startDiagram(uri: string, name: string | undefined): void {
    let model: SModelElement | undefined;
    let dispatcher: IActionDispatcher;
    const api: PageApi = { updates: 0, ready: false, provisional: false, messages: [], dispatch: action => dispatcher.dispatch(action) };
    window.deepforge = api;
    let fitted = false;
    const hooks: PageHooks = {
        palette: action => renderPalette(action, elementType => {
            const action: CreateNodeAction = { kind: Actions.createNode, elementType, from: selectedOutput() };
            void dispatcher.dispatch(action);
        }),
        notify: action => {
            api.messages.push(action);
            const status = $('status');
            status.textContent = action.message;
            status.className = `visible ${action.severity}`;
            setTimeout(() => { if (status.textContent === action.message) status.className = ''; }, 6000);
        },
        modelChanged: action => {
            model = (action as { newRoot?: SModelElement }).newRoot ?? model;
            api.updates++;
            api.ready = true;
            const graph = model as { name?: string; diagramKind?: string; provisional?: boolean } | undefined;
            api.provisional = graph?.provisional === true;
            $('title').textContent = graph?.name ? `${graph.diagramKind} ${graph.name}` : '';
            if (!fitted) {
                fitted = true;
                setTimeout(() => void dispatcher.dispatch(FitToScreenAction.create([], { padding: 24, maxZoom: 1, animate: false })), 0);
            }
        }
    };
    /** The output port a new node takes its input from: the selected port, or the first output of the selected node. */
    const selectedOutput = (): string | undefined => {
        const selected = [...document.querySelectorAll('#sprotty .selected')].map(e => e.id);
        const all = new Map<string, SModelElement>();
        const visit = (e: SModelElement) => { all.set(e.id, e); e.children?.forEach(visit); };
        if (model) visit(model);
        for (const domId of selected) {
            const element = [...all.values()].find(e => domId.endsWith(`_${e.id}`) || domId === e.id);
            if (!element) continue;
            if (element.type === 'port:output') return element.id;
            const port = element.children?.find(c => c.type === 'port:output');
            if (port) return port.id;
        }
        return undefined;
    };
    const container = new Container();
    loadDefaultModules(container);
    container.load(commonModule, networkModule, pipelineModule, editModule);
    container.bind<PageHooks>(PAGE_HOOKS).toConstantValue(hooks);
    dispatcher = container.get<IActionDispatcher>(TYPES.IActionDispatcher);
    const proxy = container.get(DeepForgeServerProxy);
    const socket = new WebSocket(`ws://${location.host}/ws`);
    socket.addEventListener('open', () => {
        proxy.listen(socket);
        // The answer (a SetModelAction) resolves the request instead of being executed: execute it.
        void dispatcher.request(RequestModelAction.create({ sourceUri: uri, diagramName: name ?? '', needsClientLayout: false, needsServerLayout: true }))
            .then(response => dispatcher.dispatch(response));
    });
    socket.addEventListener('close', () => hooks.notify({ kind: Actions.notify, severity: 'error', message: 'disconnected from the diagram server' }));
    $('fit').addEventListener('click', () => void dispatcher.dispatch(FitToScreenAction.create([], { padding: 24, maxZoom: 1 })));
    $('collapse-all').addEventListener('click', () => void dispatcher.dispatch(CollapseExpandAllAction.create({ expand: false })));
    $('expand-all').addEventListener('click', () => void dispatcher.dispatch(CollapseExpandAllAction.create({ expand: true })));
    void basicType;
}

function renderPalette(action: PaletteAction, add: (type: string) => void): void {
    const list = $('palette-items');
    const filter = $<HTMLInputElement>('palette-filter');
    const draw = () => {
        const query = filter.value.trim().toLowerCase();
        list.replaceChildren();
        let group = '';
        for (const item of action.items) {
            if (query && !item.label.toLowerCase().includes(query)) continue;
            if (item.group !== group) {
                group = item.group;
                const heading = document.createElement('h3');
                heading.textContent = group;
                list.append(heading);
            }
            const button = document.createElement('button');
            button.textContent = item.label;
            button.title = item.doc ?? item.label;
            button.dataset.type = item.label;
            button.addEventListener('click', () => add(item.label));
            list.append(button);
        }
    };
    filter.oninput = draw;
    draw();
}

async function showIndex(): Promise<void> {
    document.body.classList.add('index');
    const index = $('index');
    const response = await fetch('/api/diagrams');
    const documents = await response.json() as Array<{ uri: string; path: string; diagrams: Array<{ kind: string; name: string }> }>;
    const list = document.createElement('ul');
    for (const doc of documents) {
        const item = document.createElement('li');
        item.textContent = doc.path;
        const inner = document.createElement('ul');
        for (const diagram of doc.diagrams) {
            const link = document.createElement('a');
            link.href = `?${new URLSearchParams({ uri: doc.uri, name: diagram.name })}`;
            link.textContent = `${diagram.kind} ${diagram.name}`;
            const li = document.createElement('li');
            li.append(link);
            inner.append(li);
        }
        item.append(inner);
        list.append(item);
    }
    index.append(list);
}

const params = new URLSearchParams(location.search);
const uri = params.get('uri');
if (uri) startDiagram(uri, params.get('name') ?? undefined);
else void showIndex();
