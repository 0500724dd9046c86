/**
 * Spool's implementation: keys, Lua scripts, the codec and Redis access. Not API: anything here may
 * change in any release.
 */
package dev.spool.internal;
