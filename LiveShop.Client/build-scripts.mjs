// Bundles every Scripts/*.js entry point into wwwroot/js/bundles/<name>.js (ES modules).
// Run by the LiveShopBundleScripts target in LiveShop.Client.csproj; by hand: `npm run build -- --minify`.
//   --minify     minify (Release builds)
//   --sourcemap  write linked source maps next to the bundles
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const scripts = join(here, 'Scripts');
const outdir = join(here, 'wwwroot', 'js', 'bundles');
const args = new Set(process.argv.slice(2));

const entryPoints = readdirSync(scripts)
    .filter(name => name.endsWith('.js'))
    .map(name => join(scripts, name));

await build({
    entryPoints,
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2020'],
    minify: args.has('--minify'),
    sourcemap: args.has('--sourcemap') ? 'linked' : false,
    legalComments: 'eof',
    logLevel: 'warning',
});
console.log(`Bundled ${entryPoints.length} script(s) into ${outdir}`);
