import { createApp } from 'vue'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { pinia } from './stores/pinia'
import { useAuth } from './stores/auth'
import urql from '@urql/vue'
import { client, setSessionLostHandler } from './api/client'
import './styles.css'
import { modules } from './modules'

for (const m of modules) {
  if (m.messages) {
    i18n.global.mergeLocaleMessage('zh-CN', m.messages['zh-CN'])
    i18n.global.mergeLocaleMessage('en', m.messages.en)
  }
}

setSessionLostHandler(() => {
  const auth = useAuth(pinia)
  auth.expire()
  const here = router.currentRoute.value
  if (here.name !== 'login') {
    router.push({ name: 'login', query: { redirect: here.fullPath, expired: '1' } })
  }
})

document.documentElement.lang = i18n.global.locale.value
createApp(App).use(pinia).use(i18n).use(urql, client).use(router).mount('#app')
