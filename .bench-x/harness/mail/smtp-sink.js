/** The SMTP server that tests and `npm run chaos -- --smtp` send the daemon's mail to: it keeps what it receives. */
import { SMTPServer } from 'smtp-server';
import { freePort } from '../redis/private-redis.js';
export const SMTP_SINK_USER = 'bridge';
export const SMTP_SINK_PASSWORD = 'smtp-secret-3141592653';
/** Subject, text and HTML of a mail: a multipart/alternative one decoded part by part. */
function decodeMail(raw) {
    const [subject = '', body = ''] = decode(raw);
    const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
    const boundary = /^Content-Type: multipart\/alternative;.*boundary="?([^";]+)"?/im.exec(head)?.[1];
    if (!boundary)
        return { subject, text: body, html: null };
    const parts = raw.split(`--${boundary}`).slice(1, -1).map((p) => p.replace(/^\r\n/, ''));
    const part = (type) => {
        const found = parts.find((p) => new RegExp(`^Content-Type: ${type}`, 'im').test(p.slice(0, p.indexOf('\r\n\r\n'))));
        return found === undefined ? null : (decode(`Subject: \r\n${found}`)[1] ?? '');
    };
    return { subject, text: part('text/plain') ?? '', html: part('text/html') };
}
function decode(raw) {
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
    let body = raw.slice(split + 4);
    const subject = /^Subject: (.*)$/im.exec(head)?.[1] ?? '';
    if (/^Content-Transfer-Encoding: quoted-printable/im.test(head)) {
        // quoted-printable encodes UTF-8 bytes: decode them as bytes, then the bytes as UTF-8
        const latin1 = body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex) => String.fromCharCode(Number.parseInt(hex, 16)));
        body = Buffer.from(latin1, 'latin1').toString('utf8');
    }
    else if (/^Content-Transfer-Encoding: base64/im.test(head)) {
        body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    }
    return [subject, body.replace(/\r\n/g, '\n').trimEnd()];
}
/** A real SMTP server in this process (smtp-server), with AUTH PLAIN/LOGIN over plain TCP; the caller stops it. */
export async function startSmtpSink() {
    const port = await freePort();
    const mails = [];
    const refused = new Set();
    let server = null;
    const start = async () => {
        const s = new SMTPServer({
            secure: false, disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false, size: 1 << 20,
            onAuth: (auth, _session, cb) => (auth.username === SMTP_SINK_USER && auth.password === SMTP_SINK_PASSWORD
                ? cb(null, { user: auth.username }) : cb(new Error('Invalid username or password'))),
            onRcptTo: (address, _session, cb) => {
                if (!refused.has(address.address)) {
                    cb();
                    return;
                }
                cb(Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }));
            },
            onData: (stream, session, cb) => {
                const chunks = [];
                stream.on('data', (c) => chunks.push(c));
                stream.on('end', () => {
                    const { subject, text, html } = decodeMail(Buffer.concat(chunks).toString('utf8'));
                    const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
                    mails.push({ from, to: session.envelope.rcptTo.map((r) => r.address), subject, text, html });
                    cb();
                });
            },
        });
        await new Promise((resolve, reject) => { s.once('error', reject); s.listen(port, '127.0.0.1', () => resolve()); });
        server = s;
    };
    const stop = async () => {
        const s = server;
        server = null;
        if (s)
            await new Promise((resolve) => s.close(() => resolve()));
    };
    await start();
    return { port, url: `smtp://${SMTP_SINK_USER}:${SMTP_SINK_PASSWORD}@127.0.0.1:${port}`, mails, refused, stop, start };
}
