import { describe, expect, it } from 'vitest';
import { errorCodeOf, hostPortOf, networkFailureText } from '../../../src/net/network-failure.js';
describe('network failures in words', () => {
    it('names the failure and the target for the usual socket codes', () => {
        expect(networkFailureText('ECONNREFUSED', 'pbx.example:5038')).toBe('connection refused to pbx.example:5038');
        expect(networkFailureText('ENOTFOUND', 'crm.invalid:443')).toBe('host not found: crm.invalid:443');
        expect(networkFailureText('EHOSTUNREACH', '10.0.0.9:6379')).toBe('no route to 10.0.0.9:6379');
        expect(networkFailureText('ECONNRESET', 'h:1')).toBe('connection reset by h:1');
        expect(networkFailureText(undefined, 'h:1')).toBe('network error talking to h:1');
        expect(networkFailureText('EWEIRD', 'h:1')).toBe('EWEIRD talking to h:1');
    });
    it('reads the code from the error or its cause', () => {
        expect(errorCodeOf(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
        expect(errorCodeOf(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: 'ENOTFOUND' }) }))).toBe('ENOTFOUND');
        expect(errorCodeOf('text')).toBeUndefined();
    });
    it('keeps only host and port of a URL (never its path, token or user)', () => {
        expect(hostPortOf('https://u:p@portal.example/rest/1/secret/')).toBe('portal.example:443');
        expect(hostPortOf('http://127.0.0.1:8081/x')).toBe('127.0.0.1:8081');
        expect(hostPortOf('not a url')).toBe('');
    });
});
