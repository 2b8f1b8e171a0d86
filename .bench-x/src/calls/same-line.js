/**
 * Two ways of writing one line (DID): the same digits, or (10 digits or more each) the same last ten, so the rules
 * file's 84951230000, +74951230000 and the PBX's 4951230000 are one line. Anything without digits compares as written.
 */
export function sameLine(a, b) {
    const x = a.replace(/\D/g, '');
    const y = b.replace(/\D/g, '');
    if (x === '' || y === '')
        return a.trim() === b.trim();
    return x === y || (x.length >= 10 && y.length >= 10 && x.slice(-10) === y.slice(-10));
}
