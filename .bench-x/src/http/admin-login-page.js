/** Escapes text for HTML. */
function escapeHtml(text) {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
/** The dashboard's login form (no script, no external assets): posts the API token to /admin/login. */
export function loginPage(problem) {
    const note = problem ? `<p class="problem">${escapeHtml(problem)}</p>` : '';
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>pbx-crm-bridge: log in</title>
<style>body{font:16px system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}input{width:100%;padding:.5rem;margin:.5rem 0;box-sizing:border-box}
button{padding:.5rem 1rem}.problem{color:#a00}</style></head>
<body><h1>Queue dashboard</h1>${note}
<form method="post" action="/admin/login"><label for="token">API token (API_TOKEN)</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Log in</button></form>
<p>The session lasts 8 hours and is kept in an HttpOnly cookie for /admin only.</p></body></html>
`;
}
