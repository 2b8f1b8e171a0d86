import { accountsSection } from './account-code-env.js';
import { callControlSection } from './call-control-env.js';
import { amiSection, deploymentSection, ingestSection, logSection, numbersSection, queueSection, routingSection, syncSection, trunkSection, usersSection, } from './core-sections.js';
import { httpSection } from './http-env.js';
import { consoleSection, recordingsSection } from './console-env.js';
import { finishNotify, notifySection } from './notify-env.js';
import { redisSection } from './redis-env.js';
import { reportsSection } from './reports-env.js';
/**
 * Every slice of Config but `crm`, each built from its own variables, in the order they are documented (the chosen
 * CRM's variables come after them, with CRM_ADAPTER: src/crm/crm-modules.ts).
 */
export const CONFIG_SECTIONS = {
    ami: amiSection,
    ingest: ingestSection,
    /** DEPLOYMENT_FILE: tenants and PBXs from a file (null: this env's one PBX). */
    deployment: deploymentSection,
    redis: redisSection,
    queue: queueSection,
    http: httpSection,
    logLevel: logSection,
    numbers: numbersSection,
    trunk: trunkSection,
    /** Phones named by account code: account → extension (list, rule, learning). */
    accounts: accountsSection,
    users: usersSection,
    sync: syncSection,
    routing: routingSection,
    callControl: callControlSection,
    /** Reports, call-back detection, per-call traces and journal retention. */
    reports: reportsSection,
    /** The operator console (off when CONSOLE_USERS_FILE is unset). */
    console: consoleSection,
    /** Where recordings are read (console playback). */
    recordings: recordingsSection,
    /** Missed-call notifications (SMTP, Telegram, Slack), their recipients (rules file `notify`) and escalation. */
    notify: notifySection,
};
/** Each section's slice under its key (a new section is one line here, a new variable none). */
function slices(env, rules) {
    const s = CONFIG_SECTIONS;
    const sync = s.sync.build(env, rules);
    const reports = s.reports.build(env, rules);
    return {
        ami: s.ami.build(env, rules), ingest: s.ingest.build(env, rules), deployment: s.deployment.build(env, rules), redis: s.redis.build(env, rules),
        queue: s.queue.build(env, rules), http: s.http.build(env, rules), logLevel: s.logLevel.build(env, rules),
        numbers: s.numbers.build(env, rules), trunk: s.trunk.build(env, rules), accounts: s.accounts.build(env, rules),
        users: s.users.build(env, rules), sync, routing: s.routing.build(env, rules),
        callControl: s.callControl.build(env, rules), reports,
        console: s.console.build(env, rules), recordings: s.recordings.build(env, rules),
        notify: finishNotify(s.notify.build(env, rules), { timeZone: reports.timeZone, escalateAfterMin: sync.callbackDeadlineMin }),
    };
}
const sections = () => Object.values(CONFIG_SECTIONS);
/** Every core variable's schema, in documentation order. */
export function coreEnvShape() {
    return Object.assign({}, ...sections().map((s) => s.shape));
}
/** What the sections find wrong with their variables taken together. */
export function sectionProblems(env) {
    return sections().flatMap((s) => s.problems?.(env) ?? []);
}
export function toConfig(env, rules, crm) {
    const secrets = [...sections().flatMap((s) => s.secrets?.(env) ?? []), ...crm.settings.secrets].filter((x) => x.length > 0);
    return { ...slices(env, rules), crm, secrets };
}
