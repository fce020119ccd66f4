import { createPinia } from 'pinia'

/** The one store container (also used outside components, e.g. the router). */
export const pinia = createPinia()
