/** The in-memory CRM of the ONLYOFFICE emulator: only the routes and rules of docs/onlyoffice-crm.md. */
const PHONE_CATEGORIES = ['Home', 'Work', 'Mobile', 'Fax', 'Direct', 'Other'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const HISTORY_CATEGORIES = [{ ID: 1, Title: 'Note' }, { ID: 2, Title: 'Email' }, { ID: 3, Title: 'Call' }, { ID: 4, Title: 'Meeting' }];
export const TASK_CATEGORIES = [{ ID: 11, Title: 'Call' }, { ID: 12, Title: 'Deal' }, { ID: 13, Title: 'Demo' }, { ID: 14, Title: 'Email' }];
const bad = (message) => ({ status: 400, error: message });
const num = (v) => (v === undefined || v === null || v === '' || Number.isNaN(Number(v)) ? null : Number(v));
export class OnlyofficeEmulatorState {
    contacts = [];
    history = [];
    tasks = [];
    opportunities = [];
    voipPosts = [];
    voipCalls = new Map();
    nextId = 1000;
    findByContactInfo(query) {
        if (query.get('infoType') === null)
            return bad('Value cannot be null. Parameter name: infoType');
        const data = query.get('data') ?? '';
        const hits = this.contacts.filter((c) => c.infos.some((i) => i.InfoType === Number(query.get('infoType')) && i.Data.includes(data)));
        return { status: 200, response: hits.map(({ infos: _infos, tags: _tags, ...c }) => c) };
    }
    contactTags(id) {
        const c = this.contacts.find((x) => x.ID === id);
        return c ? { status: 200, response: c.tags ?? [] } : { status: 404, error: 'Contact not found' };
    }
    contactData(id) {
        const c = this.contacts.find((x) => x.ID === id);
        return c ? { status: 200, response: c.infos } : { status: 404, error: 'Contact not found' };
    }
    createPerson(body) {
        if (typeof body['firstName'] !== 'string' || body['firstName'] === '')
            return bad('firstName is empty');
        return { status: 200, response: this.addPerson(body['firstName']) };
    }
    addPerson(firstName) {
        const c = { ID: this.nextId++, DisplayName: firstName, IsCompany: false, FirstName: firstName, infos: [] };
        this.contacts.push(c);
        const { infos: _infos, ...out } = c;
        return out;
    }
    addContactInfo(id, body) {
        const c = this.contacts.find((x) => x.ID === id);
        if (!c)
            return { status: 404, error: 'Contact not found' };
        const category = String(body['category'] ?? '');
        if (!PHONE_CATEGORIES.includes(category))
            return bad('Value does not fall within the expected range.');
        if (typeof body['data'] !== 'string' || body['data'] === '')
            return bad('data is empty');
        const info = { ID: this.nextId++, InfoType: Number(body['infoType']), Category: PHONE_CATEGORIES.indexOf(category), CategoryName: category, Data: body['data'], IsPrimary: body['isPrimary'] === true };
        c.infos.push(info);
        return { status: 200, response: info };
    }
    addHistory(body) {
        const contactId = num(body['contactId']);
        const byEntity = body['entityType'] !== undefined;
        if (!byEntity && (contactId === null || !this.contacts.some((c) => c.ID === contactId)))
            return bad('contact not found');
        if (byEntity && !['opportunity', 'case'].includes(String(body['entityType']).toLowerCase()))
            return bad('entityType');
        if (typeof body['content'] !== 'string' || body['content'] === '')
            return bad('content is empty');
        if (!HISTORY_CATEGORIES.some((c) => c.ID === num(body['categoryId'])))
            return bad('categoryId');
        const event = { ID: this.nextId++, ...body };
        this.history.push(event);
        return { status: 200, response: { ID: event.ID, Content: body['content'], Category: HISTORY_CATEGORIES.find((c) => c.ID === num(body['categoryId'])) } };
    }
    addTask(body) {
        if (typeof body['title'] !== 'string' || !body['deadline'])
            return bad('title and deadline are required');
        if (!GUID.test(String(body['responsibleId'])))
            return bad('responsibleId');
        const categoryId = num(body['categoryId']);
        if (categoryId === null || categoryId <= 0)
            return bad('categoryId');
        if (!TASK_CATEGORIES.some((c) => c.ID === categoryId))
            return { status: 404, error: 'task category not found' };
        const task = { ID: this.nextId++, ...body };
        this.tasks.push(task);
        return { status: 200, response: { ID: task.ID, Title: body['title'], DeadLine: body['deadline'] } };
    }
    /** CRMApi.Tasks.cs CloseTask: IsClosed = true; an unknown id is 404 (ItemNotFound). */
    closeTask(id) {
        const task = this.tasks.find((t) => t['ID'] === id);
        if (!task)
            return { status: 404, error: 'task not found' };
        task['IsClosed'] = true;
        return { status: 200, response: { ID: id, IsClosed: true, Title: task['title'] } };
    }
    addOpportunity(body) {
        if (!body['title'] || num(body['stageid']) === null)
            return bad('title and stageid are required');
        const deal = { ID: this.nextId++, ...body };
        this.opportunities.push(deal);
        return { status: 200, response: { ID: deal.ID, Title: body['title'] } };
    }
    /** Upsert by callId (docs §8), creating a person from the number of the call's *stored* status when no contact is known. */
    saveVoipCall(id, body) {
        if (!/^\w+$/.test(id))
            return bad('callId');
        this.voipPosts.push({ id, body });
        const before = this.voipCalls.get(id);
        const call = before ?? { Id: id, From: '', To: '', Status: 0, contactId: null };
        if (typeof body['from'] === 'string')
            call.From = body['from'];
        if (typeof body['to'] === 'string')
            call.To = body['to'];
        const storedStatus = call.Status;
        if (num(body['contactId']) !== null)
            call.contactId = num(body['contactId']);
        if (call.contactId === null) {
            const number = (storedStatus === 0 ? call.From : call.To).replace(/^\+/, '');
            const person = this.addPerson(number);
            this.addContactInfo(person.ID, { infoType: 0, category: 'Work', data: number, isPrimary: true });
            call.contactId = person.ID;
        }
        if (num(body['status']) !== null)
            call.Status = Number(body['status']);
        this.voipCalls.set(id, call);
        const contact = this.contacts.find((c) => c.ID === call.contactId);
        const Contact = contact ? { ID: contact.ID, DisplayName: contact.DisplayName } : null;
        return { status: 200, response: { Id: id, From: call.From, To: call.To, Status: call.Status, Contact } };
    }
}
