// Where the e2e tests save screenshots: docs/ (shown in the README) when LABCON_SCREENSHOTS=1, else a temp folder,
// so a plain `npm test` never rewrites tracked files.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { APP_ROOT } from '@main/server/launch'

/** The folder screenshots go to in this test process. */
export const SCREENSHOT_DIR = process.env['LABCON_SCREENSHOTS'] === '1' ? join(APP_ROOT, 'docs') : mkdtempSync(join(tmpdir(), 'labcon-shots-'))
