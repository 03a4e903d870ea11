import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** SHA-256 of a UTF-8 string, as lowercase hex. */
export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Writes a file by renaming a finished temporary one into place, so no reader ever sees half of it. */
export function writeAtomic(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
