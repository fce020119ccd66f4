// How a module adds itself to the console: its routes, its menu entries, and
// panels on other modules' pages.
// Each `src/modules/<name>/index.ts` default-exports one `ConsoleModule`;
// `src/modules/index.ts` finds them all, so adding a module edits no other.
import type { RouteRecordRaw } from 'vue-router'
import type { Component } from 'vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (browser tab and breadcrumb). */
    title?: string
    /** The user needs one of these permissions (`Me.permissions`), or a role
     * written `role:<name>`; a page the
     * user may not open shows "not found", as if it did not exist. */
    permission?: string | string[]
    /** Open without signing in (public pages). */
    public?: boolean
    /** Shown without the console's frame (sign-in, public pages). */
    bare?: boolean
  }
}

export interface MenuEntry {
  /** i18n key of the label. */
  label: string
  /** Route path the entry opens. */
  path: string
  icon?: Component
  /** Same meaning as the route's: the entry shows only with one of these. */
  permission?: string | string[]
  /** Lower comes first. */
  order: number
  /** Entries with the same group are shown under one sub-menu. */
  group?: string
}

export interface ConsoleModule {
  name: string
  routes: RouteRecordRaw[]
  menu: MenuEntry[]
  /** Figures for the home page, shown to users with the permission. */
  home?: Component
  /** Order of the home panels (lower first). */
  homeOrder?: number
  homePermission?: string | string[]
  /** Panels this module adds to other modules' pages, by slot name
   * (`'<module>.<page>'`, e.g. `'enterprise.detail'`): the page renders every
   * panel of its slot (`panelsFor(slot)` in `src/modules/index.ts`) with the
   * slot's props, without importing the module. Each panel checks its own
   * permissions and renders nothing when the user may not see it. Slots:
   * - `'enterprise.detail'`: below an enterprise's page, prop `enterpriseId: string`.
   * Give a `defineAsyncComponent(() => import(...))` so the panel loads only
   * with the page. */
  panels?: Record<string, Component>
  /** The module's own texts, merged into the console's at start. */
  messages?: { 'zh-CN': Record<string, unknown>; en: Record<string, unknown> }
}
