/** What `format=text&field=…` can ask for, one value per request. */
export const TEXT_FIELDS = ['extension', 'callerName', 'open', 'destination', 'rule'];
const DIGITS = /^\d{1,9}$/;
/** The extension as digits, or '' (nothing that is not digits ever reaches Dial()). */
function digitsOf(a) {
    return a.extension !== null && DIGITS.test(a.extension) ? a.extension : '';
}
/**
 * `format=text`: one bare value. `extension` (the default): digits or ''; `callerName`: the cleaned name or '';
 * `open`: `1` or `0`; `destination`: `context,exten` or ''; `rule`: the matched client rule's name or ''.
 */
export function routeAsText(a, field) {
    switch (field) {
        case 'extension': return digitsOf(a);
        case 'callerName': return a.callerName ?? '';
        case 'open': return a.open ? '1' : '0';
        case 'destination': return a.destination ? `${a.destination.context},${a.destination.exten}` : '';
        case 'rule': return a.rule ?? '';
    }
}
/**
 * `format=vars`: `extension,open,context,exten,rule,callerName` on one line, for
 * `Set(ARRAY(ROUTE_EXTENSION,ROUTE_OPEN,ROUTE_GOTO_CONTEXT,ROUTE_GOTO_EXTEN,ROUTE_RULE,ROUTE_CALLER_NAME)=${CURL(…)})`.
 * No value can hold a comma, quote, bracket or `$` (rules-file names, contexts and extens are validated; the caller
 * name is cleaned by callerIdName), so the ARRAY split is exact; the name comes last.
 */
export function routeAsVars(a) {
    return [
        digitsOf(a), a.open ? '1' : '0', a.destination?.context ?? '', a.destination?.exten ?? '', a.rule ?? '', a.callerName ?? '',
    ].join(',');
}
