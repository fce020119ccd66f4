// A certificate as a PDF file: fetched only when asked for (the server
// renders it on each request), decoded from base64 and saved as `<number>.pdf`.
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CombinedError } from '@urql/core'
import { ElMessage } from 'element-plus'
import { graphql } from '@/gql'
import { client } from '@/api/client'
import { errorMessage } from '@/api/errors'

const PdfDoc = graphql(`
  query StdCertificatePdf($enterpriseId: String!) {
    standardizationCertificates(enterpriseId: $enterpriseId) { number pdf }
  }
`)

/** Bytes of a base64 string. */
function decode(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** Saves the blob under `name` through a temporary `<a download>`. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // The browser has taken the file once the click's task is over.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Downloads certificate `number` of the enterprise as `<number>.pdf`;
 * the error, or `'missing'` when the enterprise has no such certificate. */
export async function downloadCertificatePdf(enterpriseId: string, number: string): Promise<CombinedError | 'missing' | null> {
  const r = await client.query(PdfDoc, { enterpriseId }, { requestPolicy: 'network-only' }).toPromise()
  if (r.error) return r.error
  const c = r.data?.standardizationCertificates.find((x) => x.number === number)
  if (!c) return 'missing'
  save(new Blob([decode(c.pdf)], { type: 'application/pdf' }), `${number}.pdf`)
  return null
}

/** A button's download: `busy` is the number being fetched; errors show as a message. */
export function usePdfDownload() {
  const { t } = useI18n()
  const busy = ref<string | null>(null)
  async function download(enterpriseId: string, number: string) {
    if (busy.value) return
    busy.value = number
    try {
      const e = await downloadCertificatePdf(enterpriseId, number)
      if (e === 'missing') ElMessage.error(t('standardization.pdf.missing'))
      else if (e) ElMessage.error(errorMessage(e))
    } catch {
      // A PDF the browser cannot decode (not base64).
      ElMessage.error(t('errors.INTERNAL'))
    } finally {
      busy.value = null
    }
  }
  return { busy, download }
}
