import { PermanentError } from '../../errors.js';
import { idField, textField } from './onlyoffice-fields.js';
const VARIABLE = { history: 'ONLYOFFICE_HISTORY_CATEGORY', task: 'ONLYOFFICE_TASK_CATEGORY' };
/**
 * History and task category ids. Titles are localized and ids differ per portal (docs/onlyoffice-crm.md §2), so a title
 * is resolved once from `GET crm/history/category` / `GET crm/task/category` and kept for the adapter's life.
 * The docs name no route that creates a missing category, so a missing one is a configuration error.
 */
export class CategoryResolver {
    client;
    refs;
    cache = new Map();
    constructor(client, refs) {
        this.client = client;
        this.refs = refs;
    }
    async idOf(kind) {
        const ref = this.refs[kind];
        if ('id' in ref)
            return ref.id;
        const cached = this.cache.get(kind);
        if (cached !== undefined)
            return cached;
        const items = await this.client.call({ method: 'GET', path: `crm/${kind}/category` });
        const wanted = ref.title.trim().toLowerCase();
        const match = (Array.isArray(items) ? items : []).find((item) => textField(item, 'title')?.trim().toLowerCase() === wanted);
        const id = match === undefined ? null : idField(match);
        if (id === null || !/^\d+$/.test(id)) {
            throw new PermanentError(`ONLYOFFICE has no ${kind} category titled "${ref.title}"; set ${VARIABLE[kind]} to the id or exact (localized) title of an existing one`);
        }
        this.cache.set(kind, Number(id));
        return Number(id);
    }
}
