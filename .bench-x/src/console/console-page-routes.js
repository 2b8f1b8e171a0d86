import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpError } from '../http/http-error.js';
/** The page's files: next to this module (src/console/assets, copied to dist/console/assets by the build). */
export const CONSOLE_ASSETS_DIR = fileURLToPath(new URL('./assets/', import.meta.url));
const ASSET = /^[a-z0-9-]{1,40}\.(js|css|svg|png|ico)$/;
/** The charting library of the reports page (uPlot, a kept dependency), served from its package as it ships. */
const UPLOT_DIR = dirname(createRequire(import.meta.url).resolve('uplot'));
const UPLOT_FILES = new Set(['uPlot.iife.min.js', 'uPlot.min.css']);
/** GET /console (the single page) and its assets: no session needed. reply.sendFile comes from @fastify/static (console-plugin). */
export function consolePageRoutes() {
    return async (app) => {
        const page = { schema: { hide: true }, config: { auth: 'public' } };
        app.get('/console', page, async (_req, reply) => reply.header('cache-control', 'no-store').sendFile('index.html'));
        app.get('/console/', page, async (_req, reply) => reply.redirect('/console', 301));
        app.get('/console/assets/:file', page, async (req, reply) => {
            if (!ASSET.test(req.params.file))
                throw new HttpError(404, 'not_found', 'no such asset');
            return reply.header('cache-control', 'no-cache').sendFile(req.params.file);
        });
        app.get('/console/assets/uplot/:file', page, async (req, reply) => {
            if (!UPLOT_FILES.has(req.params.file))
                throw new HttpError(404, 'not_found', 'no such asset');
            return reply.header('cache-control', 'no-cache').sendFile(req.params.file, UPLOT_DIR);
        });
    };
}
