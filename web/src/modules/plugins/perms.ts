// The plugin permissions of `Me.permissions`.
/** Upload and dry-run (county plugin developers, county admins). */
export const PERM_DEVELOP = 'plugin.develop'
/** Activate, disable, retire, configure (county admins). */
export const PERM_ACTIVATE = 'plugin.activate'
/** Policy, ban list, disable anywhere (the province). */
export const PERM_GOVERN = 'plugin.govern'
/** Reading plugins needs any of them. */
export const ANY_PLUGIN = [PERM_DEVELOP, PERM_ACTIVATE, PERM_GOVERN]
