import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CallControlEnvShape, toCallControlConfig } from '../../../src/config/call-control-env.js';
const CallControlEnvSchema = z.object(CallControlEnvShape);
describe('CallControlEnvSchema', () => {
    it('has safe defaults: national numbers only, international access prefixes denied, AGI off', () => {
        const config = toCallControlConfig(CallControlEnvSchema.parse({}));
        expect(config.originate).toEqual({
            channelTemplate: 'Local/{ext}@from-internal', context: 'from-internal', timeoutMs: 30000, callerIdName: '', cidVariable: null,
        });
        expect(config.dial).toMatchObject({ allowPatterns: [], denyPatterns: ['^(00|011|810)'], allowInternational: false, knownExtensions: [] });
        expect(config.rateLimit).toEqual({ windowMs: 60000, perTokenMax: 60, perExtensionMax: 6 });
        expect(config.agi).toEqual({ enabled: false, host: '127.0.0.1', port: 4573 });
        expect(config.route).toMatchObject({ dialSeconds: 20, fallbackExtension: null, checkAvailability: true });
    });
    it('reads a MikoPBX setup', () => {
        const config = toCallControlConfig(CallControlEnvSchema.parse({
            ORIGINATE_CHANNEL_TEMPLATE: 'Local/{ext}@internal-originate', ORIGINATE_CONTEXT: 'all_peers', ORIGINATE_CID_VARIABLE: 'pt1c_cid',
            KNOWN_EXTENSIONS: '201, 202', DIAL_ALLOW_PATTERNS: '^8\\d{10}$,^\\+7\\d{10}$', AGI_ENABLED: 'true', ROUTE_FALLBACK_EXTENSION: '209',
        }));
        expect(config.originate.channelTemplate).toBe('Local/{ext}@internal-originate');
        expect(config.dial.knownExtensions).toEqual(['201', '202']);
        expect(config.dial.allowPatterns).toEqual(['^8\\d{10}$', '^\\+7\\d{10}$']);
        expect(config.agi.enabled).toBe(true);
    });
    it('names the variable and the fix for every bad value at once', () => {
        const r = CallControlEnvSchema.safeParse({
            ORIGINATE_CHANNEL_TEMPLATE: 'PJSIP/201', DIAL_ALLOW_PATTERNS: '(', KNOWN_EXTENSIONS: '201,abc',
        });
        expect(r.success).toBe(false);
        const messages = r.error?.issues.map((i) => i.message).join('\n') ?? '';
        expect(messages).toContain('ORIGINATE_CHANNEL_TEMPLATE must contain {ext}');
        expect(messages).toContain('DIAL_ALLOW_PATTERNS: "(" is not a valid regular expression');
        expect(messages).toContain('KNOWN_EXTENSIONS: "abc" is not an extension');
    });
});
