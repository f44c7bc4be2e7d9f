// Writes completions/cognito-admin.{bash,zsh,fish} from the built command tree:
// `npm run completions` after adding or changing a command (a test fails when they drift).
import { writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildProgram } from '../dist/program.js';
import { completionScript } from '../dist/completion/script.js';

const dir = fileURLToPath(new URL('../completions/', import.meta.url));
mkdirSync(dir, { recursive: true });
const program = buildProgram({});
const files = { bash: 'cognito-admin.bash', zsh: '_cognito-admin', fish: 'cognito-admin.fish' };
for (const [shell, file] of Object.entries(files)) {
  writeFileSync(`${dir}${file}`, `${completionScript(program, shell)}\n`);
  console.log(`wrote completions/${file}`);
}
