// The Lua scripts, spliced as Spool's Java runtime splices them (LuaScript.java): each line
// "--@include name" becomes the text of includes/name.lua, each include once, where first named.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The copies a published package carries (written by `npm pack` through scripts/sync-lua.mjs). */
export const PACKED_LUA = fileURLToPath(new URL('../lua', import.meta.url));
/** The runtime's own scripts, the source of truth, when this runs inside the Spool repository. */
export const RUNTIME_LUA = fileURLToPath(new URL('../../../runtime/src/main/resources/dev/spool/lua', import.meta.url));
/** Where the scripts are read: the runtime's in the repository, else the package's copies. */
export const LUA = existsSync(RUNTIME_LUA) ? RUNTIME_LUA : PACKED_LUA;
export const SCRIPTS = ['enqueueJob-4', 'readStatus-3'];
export const INCLUDES = ['validate', 'claimId', 'placeJob', 'clock', 'wake', 'jobStatus'];

const INCLUDE = /^--@include (\w+)$/gm;

function splice(source, spliced, dir) {
  return source.replace(INCLUDE, (line, name) => {
    if (spliced.has(name)) return '';
    spliced.add(name);
    return splice(readFileSync(`${dir}/includes/${name}.lua`, 'utf8'), spliced, dir);
  });
}

/** The spliced text of one script, e.g. script('enqueueJob-4'), read from dir (default: lua/). */
export function script(name, dir = LUA) {
  return splice(readFileSync(`${dir}/${name}.lua`, 'utf8'), new Set(), dir);
}
