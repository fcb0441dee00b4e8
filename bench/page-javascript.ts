import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript a page must load before it can run, from the client build's Vite manifest: the
 * closure of static imports of SvelteKit's entry points, the root layout and the page. What they
 * import with `import()` comes later and is left out. `npx tsx bench/page-javascript.ts capture`
 * prints it for a page after `npx vite build`.
 */

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

const CLIENT = new URL('../.svelte-kit/output/client/', import.meta.url);
const NODES = '.svelte-kit/generated/client-optimized/nodes/';

export interface PageJavaScript {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipBytes: number;
}

/** The static JavaScript of the page whose route directory is `route` ('capture', 'map'), from the last build. */
export function pageJavaScript(route: string): PageJavaScript {
  const manifest: Record<string, ManifestChunk> = JSON.parse(readFileSync(new URL('.vite/manifest.json', CLIENT), 'utf8'));
  const node = (key: string) => readFileSync(new URL(`../${key}`, import.meta.url), 'utf8');
  const nodeKeys = Object.keys(manifest).filter((key) => key.startsWith(NODES));
  const pageNode = nodeKeys.find((key) => node(key).includes(`src/routes/${route}/+page.svelte`));
  if (!pageNode) throw new Error(`No page for /${route} in the build`);
  const starts = [...Object.keys(manifest).filter((key) => manifest[key].isEntry && !key.startsWith(NODES)), `${NODES}0.js`, pageNode];

  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key) || !manifest[key]) return;
    seen.add(key);
    for (const imported of manifest[key].imports ?? []) visit(imported);
  };
  starts.forEach(visit);
  const files = [...seen]
    .map((key) => manifest[key].file)
    .filter((file) => file.endsWith('.js'))
    .map((file) => {
      const bytes = readFileSync(new URL(file, CLIENT));
      return { file, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { files, gzipBytes: files.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { files, gzipBytes } = pageJavaScript(process.argv[2] ?? 'capture');
  for (const file of files) console.log(`${(file.gzipBytes / 1024).toFixed(1).padStart(7)} KB gzip ${(file.bytes / 1024).toFixed(1).padStart(7)} KB  ${file.file}`);
  console.log(`${(gzipBytes / 1024).toFixed(1).padStart(7)} KB gzip in all`);
}
