/** The entity's page on the portal: `https://<portal>/crm/<kind>/details/<id>/` (the origin only: no webhook secret). */
export function bitrix24EntityUrl(restOrWebhookUrl, entity) {
    const origin = new URL(restOrWebhookUrl).origin;
    return `${origin}/crm/${entity.kind}/details/${encodeURIComponent(entity.id)}/`;
}
