import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
const minimal = { AMI_USERNAME: 'crm', AMI_SECRET: 'crmsecret', API_TOKEN: 'a-long-enough-token' };
describe('reports settings', () => {
    it('defaults: 20 s service level, UTC, a 24 h call-back window, calls kept for ever, traces with AMI events for 72 h', () => {
        expect(loadConfig(minimal).reports).toEqual({
            answeredWithinSec: 20, timeZone: 'UTC', callbackWindowHours: 24, retentionDays: 0, traceTtlHours: 72, traceAmiEvents: true,
        });
        expect(loadConfig({ ...minimal, CALL_TRACE_AMI: 'false' }).reports.traceAmiEvents).toBe(false);
        expect(() => loadConfig({ ...minimal, CALL_TRACE_AMI: 'sometimes' })).toThrow(/CALL_TRACE_AMI/);
        expect(loadConfig({ ...minimal, REPORT_ANSWERED_WITHIN_SEC: '90', REPORT_TIME_ZONE: 'Europe/Moscow', JOURNAL_RETENTION_DAYS: '365' }).reports)
            .toMatchObject({ answeredWithinSec: 90, timeZone: 'Europe/Moscow', retentionDays: 365 });
    });
    it('refuses a service level between histogram edges and an unknown time zone, naming the variable', () => {
        expect(() => loadConfig({ ...minimal, REPORT_ANSWERED_WITHIN_SEC: '22' })).toThrow(/REPORT_ANSWERED_WITHIN_SEC: must be a multiple of 5/);
        expect(() => loadConfig({ ...minimal, REPORT_ANSWERED_WITHIN_SEC: '100' })).toThrow(/REPORT_ANSWERED_WITHIN_SEC/);
        expect(() => loadConfig({ ...minimal, REPORT_TIME_ZONE: 'Mars/Olympus' })).toThrow(/REPORT_TIME_ZONE: must be an IANA time zone/);
    });
});
