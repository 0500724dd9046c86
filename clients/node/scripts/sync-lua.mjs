// Copies the Lua scripts this client runs from the Java runtime (the source of truth) into lua/,
// for the published package only: npm runs it before packing (prepack). In the repository the
// client reads the runtime's scripts directly, so there is no copy to keep in step.
import { copyFileSync, mkdirSync } from 'node:fs';
import { SCRIPTS, INCLUDES, RUNTIME_LUA, PACKED_LUA } from '../src/scripts.mjs';

mkdirSync(`${PACKED_LUA}/includes`, { recursive: true });
for (const name of SCRIPTS) copyFileSync(`${RUNTIME_LUA}/${name}.lua`, `${PACKED_LUA}/${name}.lua`);
for (const name of INCLUDES) copyFileSync(`${RUNTIME_LUA}/includes/${name}.lua`, `${PACKED_LUA}/includes/${name}.lua`);
