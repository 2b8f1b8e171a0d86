/** Extensions are short digit strings; external numbers are E.164 or longer. */
export function isExtension(target) {
    return typeof target === 'string' && /^\d{1,9}$/.test(target);
}
