// Preloaded by bench/startup.ts: records which packages a server process resolves, so the bench can
// tell whether the NLP libraries were loaded. Writes one specifier per line to TRACE_IMPORTS_FILE.
import { register } from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url, { data: { file: process.env.TRACE_IMPORTS_FILE } });
