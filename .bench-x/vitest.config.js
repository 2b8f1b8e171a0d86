import { defineConfig } from 'vitest/config';
export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        globalSetup: ['test/support/global-setup.ts'],
        testTimeout: 30_000,
        hookTimeout: 30_000,
        pool: 'forks',
        // most files wait on real time (leases, retries, a replayed PBX), not on the CPU: three at once on two cores
        maxWorkers: 3,
    },
});
