// The current time as a ref that ticks every second while the component lives.
import { onBeforeUnmount, onMounted, ref } from 'vue'

export function useNow(periodMs = 1000) {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), periodMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
