// Copies the Lua scripts this client runs from the Java runtime (the source of truth) into lua/.
// Run after a script changes: npm run sync-lua. test/lua.test.mjs fails while the copies differ.
import { copyFileSync, mkdirSync } from 'node:fs';
import { SCRIPTS, INCLUDES, RUNTIME_LUA, LUA } from '../src/scripts.mjs';

mkdirSync(`${LUA}/includes`, { recursive: true });
for (const name of SCRIPTS) copyFileSync(`${RUNTIME_LUA}/${name}.lua`, `${LUA}/${name}.lua`);
for (const name of INCLUDES) copyFileSync(`${RUNTIME_LUA}/includes/${name}.lua`, `${LUA}/includes/${name}.lua`);
