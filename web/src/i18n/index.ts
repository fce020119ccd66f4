// zh-CN first, English switchable; the choice is remembered per browser.
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

const KEY = 'anjian.locale'
const saved = (() => {
  try {
    return localStorage.getItem(KEY)
  } catch {
    return null
  }
})()

export const i18n = createI18n({
  legacy: false,
  locale: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function currentLocale(): 'zh-CN' | 'en' {
  return i18n.global.locale.value === 'en' ? 'en' : 'zh-CN'
}

export function setLocale(l: 'zh-CN' | 'en') {
  i18n.global.locale.value = l
  document.documentElement.lang = l
  try {
    localStorage.setItem(KEY, l)
  } catch {
    /* private mode: the choice lasts for the page */
  }
}
