// npm start: build dist/ if src/ changed since the last build, then run the server in this process
// (no tsx at run time: the compiled server starts faster and uses less memory).
import { buildIfStale } from './build.mjs';

buildIfStale();
await import('../dist/main.js');
