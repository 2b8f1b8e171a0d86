function stripComment(line) {
    const at = line.search(/(?<!\\);/);
    return (at === -1 ? line : line.slice(0, at)).trim();
}
export function parseDialplan(text) {
    const sections = [];
    let current = null;
    let lastExten = '';
    text.split(/\r?\n/).forEach((raw, i) => {
        const line = stripComment(raw);
        if (line === '')
            return;
        const header = /^\[([^\]]+)\](\(\+\))?$/.exec(line);
        if (header) {
            current = { name: header[1] ?? '', append: header[2] !== undefined, vars: new Map(), steps: [] };
            sections.push(current);
            return;
        }
        if (current === null)
            throw new Error(`line ${i + 1}: outside any section: ${line}`);
        const step = /^(exten|same)\s*=>\s*(.*)$/.exec(line);
        if (!step) {
            const v = /^([A-Za-z0-9_]+)\s*=>?\s*(.*)$/.exec(line);
            if (!v)
                throw new Error(`line ${i + 1}: not understood: ${line}`);
            current.vars.set(v[1] ?? '', v[2] ?? '');
            return;
        }
        const rest = step[2] ?? '';
        const parts = step[1] === 'exten' ? /^([^,]+),([^,]+),(.*)$/.exec(rest) : /^()([^,]+),(.*)$/.exec(rest);
        if (!parts)
            throw new Error(`line ${i + 1}: not an extension line: ${line}`);
        if (step[1] === 'exten')
            lastExten = parts[1] ?? '';
        current.steps.push({ exten: lastExten, priority: parts[2] ?? '', app: parts[3] ?? '', line: i + 1 });
    });
    return sections;
}
/** An extension name or `_pattern` as a RegExp over whole extensions (X, Z, N, [..], `.` one or more, `!` zero or more). */
export function extensionRegex(exten) {
    if (!exten.startsWith('_'))
        return new RegExp(`^${exten.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    let out = '';
    const p = exten.slice(1);
    for (let i = 0; i < p.length; i += 1) {
        const c = p[i] ?? '';
        if (c === '[') {
            const end = p.indexOf(']', i);
            out += `[${p.slice(i + 1, end)}]`;
            i = end;
        }
        else if (/[Xx]/.test(c))
            out += '[0-9]';
        else if (/[Zz]/.test(c))
            out += '[1-9]';
        else if (/[Nn]/.test(c))
            out += '[2-9]';
        else if (c === '.')
            out += '.+';
        else if (c === '!')
            out += '.*';
        else
            out += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${out}$`);
}
/** The extensions of a section that would take `number`. */
export function matching(section, number) {
    return [...new Set(section.steps.map((s) => s.exten))].filter((e) => extensionRegex(e).test(number));
}
/** Splits an application's arguments at top-level commas (not inside ${…}, $[…] or (…)). */
export function splitArgs(args) {
    const out = [];
    let depth = 0;
    let cur = '';
    for (const c of args) {
        if (c === '{' || c === '[' || c === '(')
            depth += 1;
        if (c === '}' || c === ']' || c === ')')
            depth -= 1;
        if (c === ',' && depth === 0) {
            out.push(cur);
            cur = '';
        }
        else
            cur += c;
    }
    out.push(cur);
    return out;
}
/** `App(args)` → the application name and its arguments, for every call of `name` in a step (nested ones too). */
export function callsOf(app, name) {
    const found = [];
    for (let at = app.indexOf(`${name}(`); at !== -1; at = app.indexOf(`${name}(`, at + 1)) {
        if (at > 0 && /[A-Za-z]/.test(app[at - 1] ?? ''))
            continue;
        let depth = 0;
        let end = at + name.length;
        for (; end < app.length; end += 1) {
            if (app[end] === '(')
                depth += 1;
            if (app[end] === ')') {
                depth -= 1;
                if (depth === 0)
                    break;
            }
        }
        found.push(splitArgs(app.slice(at + name.length + 1, end)));
    }
    return found;
}
